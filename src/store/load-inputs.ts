import type { Engine } from '../engine/engine';
import { ingestFiles, type FileReport, type IngestInput, type IngestOptions } from '../ingest/load';

/** Loads dropped files: contribution files into the pool, the rest through ingest, one report per file. */
export async function loadInputs(engine: Engine, files: readonly IngestInput[], options: IngestOptions): Promise<FileReport[]> {
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
  const reports = ingested.length > 0 ? await ingestFiles(engine, ingested, options) : [];
  return [...reports, ...(pooled.length > 0 ? await loadContributions(engine, pooled) : [])];
}
