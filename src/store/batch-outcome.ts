import type { CheckedBatch } from '../ingest/batch';
import type { FileReport } from '../ingest/load';
import { setSampleWanted } from './browser-storage';
import { SAMPLE_DATA_ID } from '../ingest/tables';

/** What the Data page says after own files replaced the synthetic sample, which never mixes with them. */
export const SAMPLE_REPLACED = 'Your files replaced the sample data, which never mixes with your own.';

/** A batch of which some file failed as a whole, so nothing of it was loaded; `held` when the files that checked wait for the user's choice. */
export class BatchFailed extends Error {
  constructor(
    readonly batch: CheckedBatch,
    readonly held: boolean,
  ) {
    const cause = batch.cancelled
      ? 'the load was cancelled'
      : batch.failed.map((f) => `${f.file} failed (${(f.error ?? 'no reason given').replace(/\.$/, '')})`).join('; ');
    super(
      `Nothing of these files was loaded: ${cause}. Files loaded together go in together or not at all, so ` +
        `${batch.replacing ? 'the sample data is still what is loaded' : 'the data is as it was'}.`,
    );
    this.name = 'BatchFailed';
  }
}

/**
 * Commits a batch whose files all checked (own files then replace the sample for good); otherwise throws
 * BatchFailed, holding the batch when some of its files checked and could still be kept.
 */
export async function settle(batch: CheckedBatch, dataId: string): Promise<FileReport[]> {
  if (batch.failed.length === 0) return commitBatch(batch, dataId);
  const keepable = batch.reports.some((r) => r.error === null);
  if (!keepable) await batch.discard();
  throw new BatchFailed(batch, keepable);
}

/** Loads a batch's checked files (all of them, or after a failure those the user chose to keep); own files over the sample turn its loading off. */
export async function commitBatch(batch: CheckedBatch, dataId: string): Promise<FileReport[]> {
  const reports = await batch.commit(dataId);
  if (batch.replacing && dataId !== SAMPLE_DATA_ID) setSampleWanted(false);
  return reports;
}
