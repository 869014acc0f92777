import type { Engine } from '../engine/engine';
import { checkBatch, type BatchOptions, type CheckedBatch } from '../ingest/batch';
import { notLoaded, type IngestInput } from '../ingest/load';

/**
 * Checks dropped files as one batch (ingest/batch.ts). Contribution files are pooled when the batch
 * commits, each on its own checks: each is a whole document from another employer, so one refused does
 * not change what the others mean, but none is pooled when the rest of its batch is discarded.
 */
export async function checkInputs(engine: Engine, files: readonly IngestInput[], options: BatchOptions): Promise<CheckedBatch> {
  const pooled: File[] = [];
  const ingested: IngestInput[] = [];
  // The contribution checks (a JSON Schema validator among them) load with the first file, not with the page.
  const [{ isContributionFile }, { loadContributions }] = await Promise.all([
    import('../contribution/file-kind'),
    import('../contribution/load'),
  ]);
  for (const input of files) {
    if (input instanceof File && (await isContributionFile(input))) pooled.push(input);
    else ingested.push(input);
  }
  const batch = await checkBatch(engine, ingested, options);
  const waiting = pooled.map((file) => notLoaded(file.name, 'contribution', 'Not loaded: the rest of its load failed.'));
  return {
    ...batch,
    unloaded: [...batch.unloaded, ...waiting],
    commit: async (dataId) => {
      const reports = await batch.commit(dataId);
      return [...reports, ...(pooled.length > 0 ? await loadContributions(engine, pooled) : [])];
    },
  };
}
