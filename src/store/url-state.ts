import { DEFAULT_INPUTS, INPUT_SPECS, type BusinessCaseInputs, type InputKey } from '../business-case/inputs';
import { EFFECT_KEYS } from '../business-case/effects';
import type { Filters } from '../metrics/filters';
import type { AppState } from './app-store';
import { DEFAULT_CASE, editedInputs, type CaseSettings } from './business-case-slice';
import { DEFAULT_K } from '../metrics/settings';
import { readPlan, writePlan, type PlanSettings } from './plan-slice';
import { PAGES, type PageId } from './ui-slice';

/** What a link carries: the page and the user's settings, never data. */
export interface UrlState {
  page: PageId;
  filters: Filters;
  asOfOverride: string | null;
  suppressionK: number;
  businessCase: CaseSettings;
  plan: PlanSettings;
}

/** The part of the app's state a link carries. */
export const urlStateOf = (s: AppState): UrlState => ({
  page: s.page,
  filters: s.filters,
  asOfOverride: s.asOfOverride,
  suppressionK: s.suppressionK,
  businessCase: s.businessCase,
  plan: s.plan,
});

/** The business case in a link: the inputs the user set, and the overrides. */
function caseParam(settings: CaseSettings): string | null {
  const inputs = Object.fromEntries(editedInputs(settings).map((key) => [key, settings.inputs[key]]));
  if (Object.keys(inputs).length === 0 && Object.keys(settings.overrides).length === 0) return null;
  return JSON.stringify({ inputs, overrides: settings.overrides });
}

function readCase(text: string | null): CaseSettings {
  if (!text) return DEFAULT_CASE;
  try {
    const parsed = JSON.parse(text) as { inputs?: Record<string, unknown>; overrides?: Record<string, unknown> };
    const inputs: BusinessCaseInputs = { ...DEFAULT_INPUTS };
    const edited: InputKey[] = [];
    for (const spec of INPUT_SPECS) {
      const value = parsed.inputs?.[spec.key];
      if (typeof value === 'number' && Number.isFinite(value)) {
        inputs[spec.key] = value;
        edited.push(spec.key);
      }
    }
    const overrides: CaseSettings['overrides'] = {};
    for (const key of EFFECT_KEYS) {
      const value = parsed.overrides?.[key];
      if (typeof value === 'number' && Number.isFinite(value)) overrides[key] = value;
    }
    return { inputs, overrides, edited };
  } catch {
    return DEFAULT_CASE;
  }
}

const LIST_PARAMS = {
  employer: 'employer_id',
  industry: 'industry',
  size: 'size_band',
  region: 'region',
  occupation: 'occupation',
} as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The path and query string for a state; parameters in a fixed order so equal states give equal URLs. */
export function toUrl(state: UrlState): string {
  const params = new URLSearchParams();
  for (const [param, key] of Object.entries(LIST_PARAMS)) for (const v of state.filters[key] ?? []) params.append(param, v);
  if (state.filters.period?.from) params.set('from', state.filters.period.from);
  if (state.filters.period?.to) params.set('to', state.filters.period.to);
  if (state.asOfOverride) params.set('asof', state.asOfOverride);
  if (state.suppressionK !== DEFAULT_K) params.set('k', String(state.suppressionK));
  const businessCase = caseParam(state.businessCase);
  if (businessCase) params.set('case', businessCase);
  writePlan(state.plan, params);
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
    businessCase: readCase(params.get('case')),
    plan: readPlan(params),
  };
}
