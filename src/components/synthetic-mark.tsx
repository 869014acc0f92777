import type { DataLabel } from '../metrics/results';

/** What synthetic figures are called wherever they leave the screen: exports, briefs, results@1. */
export const SYNTHETIC_MARK = 'Synthetic sample data — not from any employer or pilot';

/** A brief's first words: the synthetic mark when its figures are the sample's, in the same line, so the brief keeps to one page. */
export function BriefLabel({ data, label }: { data: DataLabel; label: string }) {
  return data === 'synthetic sample' ? <strong className="synthetic-mark">Synthetic sample data, not evidence</strong> : <>{label}</>;
}
