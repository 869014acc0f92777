import type { Engine } from '../engine/engine';
import type { FileReport } from '../ingest/load';
import { POOL } from '../metrics/sources/pool';
import { str } from '../sql/quote';
import { createDatasetTables } from '../ingest/tables';
import type { Contribution } from './document';
import { insertPool, preparePool, type PreparedPool } from './pool-documents';
import { ContributionRejected, readContribution } from './read';

/**
 * Why each of a batch's checked contributions cannot be pooled, or null: a file already loaded or given
 * twice (same id), or one that names an employer the pool, the loaded rows or an earlier file of the
 * batch already holds (the same employer contributed twice under one pilot code).
 */
async function refusalsOf(engine: Engine, batch: readonly { doc: Contribution; file: string }[]): Promise<(string | null)[]> {
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
  return batch.map(({ doc, file }): string | null => {
    const twice = ids.get(doc.id);
    const clash = doc.employers.find((e) => keys.has(e.key) || rowIds.has(e.key));
    if (twice !== undefined) return `it is already loaded (as ${twice})`;
    if (clash && rowIds.has(clash.key)) return `its employer ${clash.key} has the id of an employer in the loaded rows`;
    if (clash)
      return `its employer ${clash.key} is already in the pool (from ${keys.get(clash.key)}): the same employer contributed twice under one pilot code`;
    ids.set(doc.id, file);
    for (const e of doc.employers) keys.set(e.key, file);
    return null;
  });
}

/** Pools a prepared batch, refusing what refusalsOf refuses; returns each file's refusal, or null. */
async function poolPrepared(engine: Engine, prepared: PreparedPool): Promise<(string | null)[]> {
  const refusals = await refusalsOf(engine, prepared.batch);
  await insertPool(
    engine,
    prepared,
    refusals.flatMap((r, i) => (r === null ? [i] : [])),
  );
  return refusals;
}

/** Pools one checked contribution, or throws ContributionRejected with why not. */
export async function poolContribution(engine: Engine, doc: Contribution, file: string): Promise<void> {
  const [refusal] = await poolPrepared(engine, preparePool([{ doc, id: doc.id, file }]));
  if (refusal) throw new ContributionRejected(refusal);
}

/**
 * Files pooled in one transaction. The page reads, checks and prepares the next batch while the engine
 * pools this one: each side takes about as long, so the load takes about half as long as the two in turn.
 */
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
  let pooling: Promise<void> = Promise.resolve();
  for (let start = 0; start < files.length; start += FILES_PER_BATCH) {
    const read = await reading;
    if (start + FILES_PER_BATCH < files.length) reading = readFiles(files.slice(start + FILES_PER_BATCH, start + 2 * FILES_PER_BATCH));
    const checked = read.flatMap((r, i) => (r.doc ? [{ doc: r.doc, id: r.doc.id, file: r.file, i }] : []));
    const prepared = preparePool(checked);
    // Refusals read the pool, so this batch's wait for the one before (which reads the pool too).
    await pooling;
    pooling = poolPrepared(engine, prepared).then(
      (refusals) => {
        const refused = new Map(refusals.flatMap((r, j) => (r ? [[checked[j]?.i ?? -1, r] as const] : [])));
        reports.push(...read.map((r, i) => report(r.file, r.doc, r.error ?? refused.get(i) ?? null)));
      },
      (err: unknown) => {
        const reason = `it could not be pooled (${err instanceof Error ? err.message : String(err)})`;
        reports.push(...read.map((r) => report(r.file, r.doc, r.error ?? (r.doc ? reason : null))));
      },
    );
  }
  await pooling;
  return reports;
}
