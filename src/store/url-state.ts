import type { Filters } from '../metrics/filters';
import { DEFAULT_K } from '../metrics/settings';
import { PAGES, type PageId } from './ui-slice';

/** What a link carries: the page and the user's settings, never data. */
export interface UrlState {
  page: PageId;
  filters: Filters;
  asOfOverride: string | null;
  suppressionK: number;
}

const LIST_PARAMS = { employer: 'employer_id', industry: 'industry', size: 'size_band', region: 'region', occupation: 'occupation' } as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The path and query string for a state; parameters in a fixed order so equal states give equal URLs. */
export function toUrl(state: UrlState): string {
  const params = new URLSearchParams();
  for (const [param, key] of Object.entries(LIST_PARAMS)) for (const v of state.filters[key] ?? []) params.append(param, v);
  if (state.filters.period?.from) params.set('from', state.filters.period.from);
  if (state.filters.period?.to) params.set('to', state.filters.period.to);
  if (state.asOfOverride) params.set('asof', state.asOfOverride);
  if (state.suppressionK !== DEFAULT_K) params.set('k', String(state.suppressionK));
  const query = params.toString();
  return `/${state.page === 'overview' ? '' : state.page}${query ? `?${query}` : ''}`;
}

/** Reads a state back from a location; anything malformed falls back to the default. */
export function fromUrl(pathname: string, search: string): UrlState {
  const params = new URLSearchParams(search);
  const slug = pathname.replace(/^\/+|\/+$/g, '');
  const page = (PAGES as readonly string[]).includes(slug) ? (slug as PageId) : 'overview';
  const filters: Filters = {};
  for (const [param, key] of Object.entries(LIST_PARAMS)) {
    const values = params.getAll(param).filter((v) => v !== '');
    if (values.length > 0) filters[key] = values;
  }
  const from = params.get('from');
  const to = params.get('to');
  if ((from && ISO_DAY.test(from)) || (to && ISO_DAY.test(to))) {
    filters.period = { ...(from && ISO_DAY.test(from) ? { from } : {}), ...(to && ISO_DAY.test(to) ? { to } : {}) };
  }
  const asOf = params.get('asof');
  const k = Number(params.get('k'));
  return {
    page,
    filters,
    asOfOverride: asOf && ISO_DAY.test(asOf) ? asOf : null,
    suppressionK: Number.isInteger(k) && k >= 1 ? k : DEFAULT_K,
  };
}
