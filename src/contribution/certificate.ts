import type { Engine } from '../engine/engine';
import { estimatedSurvival } from '../metrics/retention';
import { computeResults, type Certificate, type ResultsFile } from '../metrics/results';
import { DRAFT_ID, removeContributionSql } from '../metrics/sources/pool';
import { isSuppressed } from '../metrics/suppression';
import type { Contribution } from './document';
import { poolDocuments } from './pool-documents';

/** The certificate compares headline figures only: no subgroup DiDs. */
const NO_SUBGROUPS = { subgroups: false };

/**
 * Results@1 from the rows and from the file (pooled alone under a temporary id), both without
 * suppression, and the absolute difference of each headline figure.
 */
export async function certify(engine: Engine, draft: Contribution, asOf: string): Promise<Certificate> {
  const run = (sql: string) => engine.query(sql);
  const fromRows = await computeResults(run, {}, { asOf, k: 1, sources: { rows: true, contributions: false } }, undefined, NO_SUBGROUPS);
  await poolDocuments(engine, [{ doc: draft, id: DRAFT_ID, file: 'certificate check' }]);
  try {
    const fromFile = await computeResults(
      run,
      {},
      { asOf, k: 1, sources: { rows: false, contributions: DRAFT_ID } },
      undefined,
      NO_SUBGROUPS,
    );
    return compareHeadlines(fromRows, fromFile);
  } finally {
    await engine.exec(removeContributionSql(DRAFT_ID));
  }
}

/** |a − b|; a difference within the last bits of the figures (1e-9 relative: summed in another order) counts as none. */
function gap(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const d = Math.abs(a - b);
  return d <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : d;
}

/** The largest absolute difference of each headline figure between two results files. */
export function compareHeadlines(a: ResultsFile, b: ResultsFile): Certificate {
  const median = (r: ResultsFile, g: 'ler' | 'non_ler') => (isSuppressed(r.time_to_fill[g]) ? null : r.time_to_fill[g].median);
  const s365 = (r: ResultsFile, g: 'ler' | 'non_ler') => estimatedSurvival(r.retention[g], '365')?.s ?? null;
  const adjusted = (r: ResultsFile) => (isSuppressed(r.retention_adjusted) ? null : r.retention_adjusted.estimate);
  const roi = (r: ResultsFile) => (isSuppressed(r.upskilling) ? null : r.upskilling.roi_pct);
  return {
    median_time_to_fill: { ler: gap(median(a, 'ler'), median(b, 'ler')), non_ler: gap(median(a, 'non_ler'), median(b, 'non_ler')) },
    retention_365: { ler: gap(s365(a, 'ler'), s365(b, 'ler')), non_ler: gap(s365(a, 'non_ler'), s365(b, 'non_ler')) },
    pilot_att: gap(a.pilot_did.att.estimate, b.pilot_did.att.estimate),
    pilot_att_retention: gap(a.pilot_did_retention.att.estimate, b.pilot_did_retention.att.estimate),
    retention_adjusted: gap(adjusted(a), adjusted(b)),
    roi_pct: gap(roi(a), roi(b)),
  };
}
