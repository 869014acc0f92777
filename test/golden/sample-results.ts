import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { computeResults } from '../../src/metrics/results';
import { DEFAULT_K, LATEST_DATE_SQL } from '../../src/metrics/settings';
import { buildAggregates } from '../support/engine';
import { fileFrom, SAMPLE_FILES } from '../support/files';
import { GOLDEN_CASES } from './sample-results-cases';

/** results@1 of the sample for every golden case, one JSON document; with `aggregates`, read through the pre-aggregates as the app does. */
export async function sampleResultsText({ aggregates, engine: given }: { aggregates: boolean; engine?: Engine }): Promise<string> {
  const engine = given ?? (await createNodeEngine());
  if (!given) await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  const latestDate = latest?.latest ?? '';
  if (aggregates) await buildAggregates(engine, latestDate);
  const out: Record<string, unknown> = {};
  for (const c of GOLDEN_CASES) {
    const asOf = c.asOf ?? latestDate;
    const settings = { asOf, k: c.k ?? DEFAULT_K, aggregatesAsOf: aggregates ? latestDate : null };
    out[c.name] = await computeResults((sql) => engine.query(sql), c.filters, settings, c.assumptions);
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
