import type { ReactNode } from 'react';
import type { Row } from '../metrics/results';
import { PALETTE, type Series } from '../components/series-charts';
import type { Latest } from './use-latest';

export const GROUP_LABEL = { ler: 'LER-verified', non_ler: 'Other hires' } as const;
export const GROUP_SERIES: readonly Series[] = [
  { key: 'ler', label: GROUP_LABEL.ler, color: PALETTE.ler },
  { key: 'non_ler', label: GROUP_LABEL.non_ler, color: PALETTE.non_ler },
];

/** Renders a query's rows once they arrive, a progress line while waiting, and its error if it fails. */
export function QueryView({ result, children, empty }: { result: Latest<Row[]>; children: (rows: Row[]) => ReactNode; empty?: string }) {
  if (result.state === 'pending')
    return (
      <p role="status" className="muted">
        <span className="spinner" aria-hidden="true" /> Computing…
      </p>
    );
  if (result.state === 'failed')
    return (
      <p role="alert" className="card error">
        This could not be computed: {result.error.message}
      </p>
    );
  if (result.value.length === 0 && empty) return <p className="card empty">{empty}</p>;
  return <>{children(result.value)}</>;
}

/** Why a view is empty when the filters leave nothing. */
export const NO_HIRES = 'No hires match these filters (with an offer accepted by the as-of date). Widen the filters or move the as-of date.';
