import type { Engine } from '../engine/engine';
import type { FileReport } from '../ingest/load';
import { POOL } from '../metrics/sources/pool';
import { str } from '../sql/quote';
import { createDatasetTables } from '../ingest/tables';
import type { Contribution } from './document';
import { poolDocuments, type Pooling } from './pool-documents';
import { ContributionRejected, readContribution } from './read';

/**
 * Pools checked contributions, refusing (one line each) a file already loaded or given twice (same id)
 * and one that names an employer the pool, the loaded rows or an earlier file of the batch already
 * holds (the same employer contributed twice under one pilot code). Returns each file's refusal, or null.
 */
export async function poolContributions(engine: Engine, batch: readonly { doc: Contribution; file: string }[]): Promise<(string | null)[]> {
  await createDatasetTables(engine);
  const ids = new Map(
    (await engine.query<{ id: string; file: string }>(`SELECT contribution_id AS id, file FROM ${POOL.contributions}`)).map((r) => [
      r.id,
      r.file,
    ]),
  );
  const keys = new Map(
    (
      await engine.query<{ key: string; file: string }>(
        `SELECT p.employer_id AS key, c.file FROM ${POOL.employers} p JOIN ${POOL.contributions} c USING (contribution_id)`,
      )
    ).map((r) => [r.key, r.file]),
  );
  const batchKeys = batch.flatMap(({ doc }) => doc.employers.map((e) => str(e.key)));
  const rowIds =
    batchKeys.length > 0
      ? new Set(
          (
            await engine.query<{ id: string }>(`SELECT employer_id AS id FROM employers WHERE employer_id IN (${batchKeys.join(', ')})`)
          ).map((r) => r.id),
        )
      : new Set<string>();
  const accepted: Pooling[] = [];
  const refusals = batch.map(({ doc, file }): string | null => {
    const twice = ids.get(doc.id);
    const clash = doc.employers.find((e) => keys.has(e.key) || rowIds.has(e.key));
    if (twice !== undefined) return `it is already loaded (as ${twice})`;
    if (clash && rowIds.has(clash.key)) return `its employer ${clash.key} has the id of an employer in the loaded rows`;
    if (clash)
      return `its employer ${clash.key} is already in the pool (from ${keys.get(clash.key)}): the same employer contributed twice under one pilot code`;
    accepted.push({ doc, id: doc.id, file });
    ids.set(doc.id, file);
    for (const e of doc.employers) keys.set(e.key, file);
    return null;
  });
  await poolDocuments(engine, accepted);
  return refusals;
}

/** Pools one checked contribution, or throws ContributionRejected with why not. */
export async function poolContribution(engine: Engine, doc: Contribution, file: string): Promise<void> {
  const [refusal] = await poolContributions(engine, [{ doc, file }]);
  if (refusal) throw new ContributionRejected(refusal);
}

/** Files pooled in one transaction: the next ones are read and checked on the page while the engine pools these. */
const FILES_PER_BATCH = 25;

interface ReadFile {
  file: string;
  doc: Contribution | null;
  error: string | null;
}

/** Reads and checks files, each to its document or to why it was refused. */
function readFiles(files: readonly File[]): Promise<ReadFile[]> {
  return Promise.all(
    files.map(async (file) => {
      try {
        return { file: file.name, doc: await readContribution(file), error: null };
      } catch (err) {
        return {
          file: file.name,
          doc: null,
          error: err instanceof ContributionRejected ? err.message : `it could not be read (${String(err)})`,
        };
      }
    }),
  );
}

/** Reads and pools contribution files; each gets a report, and a refused one leaves what was loaded before. */
export async function loadContributions(engine: Engine, files: readonly File[]): Promise<FileReport[]> {
  const report = (file: string, doc: Contribution | null, error: string | null): FileReport => {
    const rows = doc ? Object.values(doc.tables).reduce((n, t) => n + t.rows.length, 0) : 0;
    const withheld = doc ? Object.values(doc.withheld).reduce((a, b) => a + b, 0) : 0;
    const employers = doc ? `${doc.employers.length} employer${doc.employers.length === 1 ? '' : 's'}` : '';
    return {
      file,
      kind: 'contribution',
      rowsRead: rows,
      rowsLoaded: error ? 0 : rows,
      rowsRejected: 0,
      error: error ? `Not loaded: ${error}.` : null,
      notes: doc && !error ? [`${employers} as of ${doc.as_of}, k = ${doc.k}, ${withheld} persons withheld by the disclosure rule.`] : [],
    };
  };
  const reports: FileReport[] = [];
  let reading = readFiles(files.slice(0, FILES_PER_BATCH));
  for (let start = 0; start < files.length; start += FILES_PER_BATCH) {
    const read = await reading;
    if (start + FILES_PER_BATCH < files.length) reading = readFiles(files.slice(start + FILES_PER_BATCH, start + 2 * FILES_PER_BATCH));
    const checked = read.flatMap((r, i) => (r.doc ? [{ doc: r.doc, file: r.file, i }] : []));
    const refused = new Map<number, string>();
    try {
      (await poolContributions(engine, checked)).forEach((refusal, j) => {
        if (refusal) refused.set(checked[j]?.i ?? -1, refusal);
      });
    } catch (err) {
      for (const c of checked) refused.set(c.i, `it could not be pooled (${err instanceof Error ? err.message : String(err)})`);
    }
    reports.push(...read.map((r, i) => report(r.file, r.doc, r.error ?? refused.get(i) ?? null)));
  }
  return reports;
}
