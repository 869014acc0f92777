import { memo, useId, useState, type ReactNode } from 'react';
import { PALETTE, type Series } from '../components/series-charts';
import { QueryError } from '../store/query-client';
import type { Figures, Latest } from './use-sql';

export const GROUP_LABEL = { ler: 'LER-verified', non_ler: 'Other hires' } as const;
export const GROUP_SERIES: readonly Series[] = [
  { key: 'ler', label: GROUP_LABEL.ler, color: PALETTE.ler },
  { key: 'non_ler', label: GROUP_LABEL.non_ler, color: PALETTE.non_ler },
];

/**
 * Renders a query's figures once they arrive, a progress line while waiting, and its error (with the
 * SQL that failed) if it fails. While newer figures are computed the last ones stay, dimmed and marked
 * busy: the view updates in place instead of being torn down and rebuilt, and nothing jumps.
 */
export function QueryView<T>({
  result,
  children,
  empty,
  inList = false,
}: {
  result: Latest<Figures<T>>;
  children: (value: T) => ReactNode;
  /** Shown instead when the query gives no rows. */
  empty?: string;
  /** Inside a <dl>, which allows no wrapper element around its figures: kept in place but not dimmed. */
  inList?: boolean;
}) {
  if (result.state === 'failed') return <QueryFailure error={result.error} />;
  const figures = result.state === 'done' ? result.value : result.stale;
  if (!figures)
    return (
      <p role="status" className="muted">
        <span className="spinner" aria-hidden="true" /> Computing…
      </p>
    );
  const busy = result.state === 'pending';
  const render = () => (figures.rowCount === 0 && empty ? <p className="card empty">{empty}</p> : children(figures.value));
  return inList ? <Frozen busy={busy} render={render} /> : <Updating busy={busy} render={render} />;
}

/** Why a view could not be computed, and the SQL that failed when a query did. */
export function QueryFailure({ error }: { error: Error }) {
  const [showSql, setShowSql] = useState(false);
  const sqlId = useId();
  return (
    <div role="alert" className="card error">
      <p>This could not be computed: {error.message}</p>
      {error instanceof QueryError && (
        <>
          <button type="button" className="inline" aria-expanded={showSql} aria-controls={sqlId} onClick={() => setShowSql(!showSql)}>
            {showSql ? 'Hide SQL' : 'Show SQL'}
          </button>
          {showSql && (
            <pre id={sqlId} className="sql" tabIndex={0} aria-label="SQL that failed">
              {error.sql}
            </pre>
          )}
        </>
      )}
    </div>
  );
}

/**
 * A view that stays as it was drawn, dimmed and aria-busy, while newer figures are computed: its
 * content is not re-rendered until they arrive, so charts are neither rebuilt nor redrawn for nothing.
 */
function Updating({ busy, render }: { busy: boolean; render: () => ReactNode }) {
  return (
    <div className={busy ? 'updating busy' : 'updating'} aria-busy={busy}>
      <Frozen busy={busy} render={render} />
    </div>
  );
}

/** Renders `render()`, except while busy: then its last output stands. */
const Frozen = memo(
  function Frozen({ render }: { busy: boolean; render: () => ReactNode }) {
    return <>{render()}</>;
  },
  (_, next) => next.busy,
);

/** Why a view is empty when the filters leave nothing. */
export const NO_HIRES =
  'No hires match these filters (with an offer accepted by the as-of date). Widen the filters or move the as-of date.';
