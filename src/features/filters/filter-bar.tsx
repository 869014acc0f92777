import { memo, useId, useState } from 'react';
import { formatCount } from '../../components/format';
import { filterOptionsSql, type FilterField } from '../../metrics/filter-options';
import type { Filters } from '../../metrics/filters';
import { DEFAULT_K } from '../../metrics/settings';
import { selectAsOf, selectPooled, useAppStore } from '../../store/app-store';
import { useRows } from '../use-sql';
import { useMetricSettings } from '../use-settings';

const LIST_FILTERS: { field: FilterField; label: string }[] = [
  { field: 'employer_id', label: 'Employer' },
  { field: 'industry', label: 'Industry' },
  { field: 'size_band', label: 'Size band' },
  { field: 'region', label: 'Region' },
  { field: 'occupation', label: 'Occupation' },
];

/** The global filters and settings, shared by every page and kept in the URL. */
export function FilterBar() {
  const filters = useAppStore((s) => s.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const active = LIST_FILTERS.filter((f) => (filters[f.field]?.length ?? 0) > 0).length + (filters.period ? 1 : 0);
  return (
    <section className="filter-bar" aria-label="Filters">
      {LIST_FILTERS.map((f) => (
        <ListFilter key={f.field} field={f.field} label={f.label} chosen={filters[f.field]} />
      ))}
      <PeriodFilter filters={filters} setFilters={setFilters} />
      <Settings />
      <button type="button" onClick={() => setFilters({})} disabled={active === 0}>
        Clear filters{active > 0 ? ` (${active})` : ''}
      </button>
      <PooledNote />
    </section>
  );
}

/** What pooled figures can and cannot promise, shown whenever contribution files are pooled (DESIGN §7). */
function PooledNote() {
  const pooled = useAppStore(selectPooled);
  if (!pooled) return null;
  return (
    <p className="footnote pooled-note">
      Pooled figures equal those of all the contributors’ rows loaded together when no person appears in two contribution files. On pooled
      data, employers are filtered by their pseudonymous keys, a requisition period by whole quarters (cells a contributor merged out of
      their quarter drop out), training figures (enrollments, upskilling) ignore the period, and training counts under the occupation of the
      trainee’s hire.
    </p>
  );
}

interface FilterProps {
  filters: Filters;
  setFilters: (filters: Filters) => void;
}

/**
 * One list filter. Memoised on its own choice, and its options drawn only while it is open: the
 * employer list holds one checkbox per employer, and redrawing it on every filter change cost a
 * noticeable part of each update.
 */
const ListFilter = memo(function ListFilter({
  field,
  label,
  chosen = NONE,
}: {
  field: FilterField;
  label: string;
  chosen: readonly string[] | undefined;
}) {
  const [open, setOpen] = useState(false);
  const settings = useMetricSettings();
  const options = useRows(settings ? filterOptionsSql(field, settings) : null);
  const toggle = (value: string) => {
    const { filters, setFilters } = useAppStore.getState();
    const current = filters[field] ?? [];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    setFilters({ ...filters, [field]: next.length > 0 ? next : undefined });
  };
  return (
    <details className="filter" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {label}
        {chosen.length > 0 ? `: ${chosen.length === 1 ? chosen[0] : `${chosen.length} chosen`}` : ': all'}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {options.state !== 'done' && <p className="muted">Loading…</p>}
        {options.state === 'done' && options.value.length === 0 && <p className="muted">No values in the data.</p>}
        {open &&
          options.state === 'done' &&
          options.value.map((o) => {
            const value = String(o.value);
            return (
              <label key={value} className="option">
                <input type="checkbox" checked={chosen.includes(value)} onChange={() => toggle(value)} />
                {value} <span className="muted">({formatCount(Number(o.hires))} hires)</span>
              </label>
            );
          })}
      </fieldset>
    </details>
  );
});

const NONE: readonly string[] = [];

function PeriodFilter({ filters, setFilters }: FilterProps) {
  const fromId = useId();
  const toId = useId();
  const setEnd = (end: 'from' | 'to', value: string) => {
    const period = { ...filters.period, [end]: value || undefined };
    setFilters({ ...filters, period: period.from || period.to ? period : undefined });
  };
  return (
    <div className="filter period">
      <label htmlFor={fromId}>Requisitions from</label>
      <input id={fromId} type="date" value={filters.period?.from ?? ''} onChange={(e) => setEnd('from', e.target.value)} />
      <label htmlFor={toId}>to</label>
      <input id={toId} type="date" value={filters.period?.to ?? ''} onChange={(e) => setEnd('to', e.target.value)} />
    </div>
  );
}

function Settings() {
  const asOf = useAppStore(selectAsOf);
  const override = useAppStore((s) => s.asOfOverride);
  const setAsOf = useAppStore((s) => s.setAsOfOverride);
  const k = useAppStore((s) => s.suppressionK);
  const setK = useAppStore((s) => s.setSuppressionK);
  const pooled = useAppStore(selectPooled);
  const asOfId = useId();
  const noteId = useId();
  const kId = useId();
  return (
    <div className="filter period">
      <label htmlFor={asOfId}>As-of date</label>
      <input
        id={asOfId}
        type="date"
        value={asOf ?? ''}
        disabled={pooled}
        aria-describedby={pooled ? noteId : undefined}
        onChange={(e) => setAsOf(e.target.value === '' ? null : e.target.value)}
      />
      {pooled && (
        <span id={noteId} className="muted">
          Pooled contributions keep the as-of date each was made for, so it cannot move.
        </span>
      )}
      {override && !pooled && (
        <button type="button" onClick={() => setAsOf(null)}>
          Latest
        </button>
      )}
      <label htmlFor={kId}>Smallest group shown (k)</label>
      <input
        id={kId}
        type="number"
        min={1}
        step={1}
        value={k}
        onChange={(e) => setK(Number(e.target.value) || DEFAULT_K)}
        className="narrow"
      />
    </div>
  );
}
