import { memo, type ReactNode } from 'react';
import type { Row } from '../metrics/results';
import { PALETTE, type Series } from '../components/series-charts';
import type { Latest } from './use-latest';

export const GROUP_LABEL = { ler: 'LER-verified', non_ler: 'Other hires' } as const;
export const GROUP_SERIES: readonly Series[] = [
  { key: 'ler', label: GROUP_LABEL.ler, color: PALETTE.ler },
  { key: 'non_ler', label: GROUP_LABEL.non_ler, color: PALETTE.non_ler },
];

/**
 * Renders a query's rows once they arrive, a progress line while waiting, and its error if it fails.
 * While newer rows are computed the last ones stay, dimmed and marked busy: the view updates in place
 * instead of being torn down and rebuilt, and nothing jumps while filters change.
 */
export function QueryView({
  result,
  children,
  empty,
  inList = false,
}: {
  result: Latest<Row[]>;
  children: (rows: Row[]) => ReactNode;
  empty?: string;
  /** Inside a <dl>, which allows no wrapper element around its figures: kept in place but not dimmed. */
  inList?: boolean;
}) {
  if (result.state === 'failed')
    return (
      <p role="alert" className="card error">
        This could not be computed: {result.error.message}
      </p>
    );
  const rows = result.state === 'done' ? result.value : result.stale;
  if (!rows)
    return (
      <p role="status" className="muted">
        <span className="spinner" aria-hidden="true" /> Computing…
      </p>
    );
  const busy = result.state === 'pending';
  const render = () => (rows.length === 0 && empty ? <p className="card empty">{empty}</p> : children(rows));
  return inList ? <Frozen busy={busy} render={render} /> : <Updating busy={busy} render={render} />;
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
