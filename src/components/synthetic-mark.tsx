import type { DataLabel } from '../metrics/results';

/** What synthetic figures are called wherever they leave the screen: exports, briefs, results@1. */
export const SYNTHETIC_MARK = 'Synthetic sample data — not from any employer or pilot';

/** The mark on a brief or an export whose figures are the sample's. */
export function SyntheticMark({ data }: { data: DataLabel }) {
  return data === 'synthetic sample' ? <p className="synthetic-mark">{SYNTHETIC_MARK}</p> : null;
}
