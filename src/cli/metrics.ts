import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadContributions } from '../contribution/load';
import type { Engine } from '../engine/engine';
import { type FileReport } from '../ingest/load';
import { ingestFiles } from '../ingest/batch';
import { createDatasetTables, SAMPLE_DATA_ID, setDataIdSql } from '../ingest/tables';
import type { Filters } from '../metrics/filters';
import { computeResults, type ResultsFile } from '../metrics/results';
import { LATEST_DATE_SQL } from '../metrics/settings';
import { buildSourceTablesStatements } from '../metrics/sources/built-tables';
import { POOL_LATEST_SQL } from '../metrics/sources/pool';
import { asOfAndK, ENGINE_USAGE, engineOptions, inputFiles, openEngine, runCli, UsageError, writeJson } from './inputs';

const USAGE = `Usage: npm run metrics -- <folders, CSV files and contribution files…> [--as-of YYYY-MM-DD] [--k N] [--filters JSON] [--engine wasm|native] [--threads N] [--out file.json]

Loads employers, hires and training CSV files through the app's own ingest, pools contribution files
(.json or .json.gz, made with "npm run contribute" or the app's "Share with a pilot"), and writes the
results@1 JSON of everything given (to stdout without --out). --filters takes the app's filter object,
e.g. '{"industry":["Retail"],"period":{"from":"2023-01-01"}}'. --as-of applies to the CSV files: each
contribution keeps its own.

${ENGINE_USAGE}`;

interface Options {
  inputs: string[];
  asOf: string | null;
  k: number;
  filters: Filters;
  engine: ReturnType<typeof engineOptions>;
  out: string | null;
}

export function parseOptions(argv: readonly string[]): Options {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      k: { type: 'string' },
      filters: { type: 'string' },
      engine: { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new UsageError(USAGE);
  if (positionals.length === 0) throw new UsageError(`No input given.\n\n${USAGE}`);
  let filters: Filters = {};
  if (values.filters !== undefined) {
    try {
      filters = JSON.parse(values.filters) as Filters;
    } catch {
      throw new UsageError(`--filters must be JSON, e.g. '{"industry":["Retail"]}'.`);
    }
  }
  return { inputs: positionals, ...asOfAndK(values), filters, engine: engineOptions(values), out: values.out ?? null };
}

const BUNDLED_SAMPLE = fileURLToPath(new URL('../../data/sample/', import.meta.url));
/** Files read from the bundled sample's folder are the synthetic sample, and results@1 says so as the app's do. */
const isBundledSample = (csv: readonly string[]) => csv.length > 0 && csv.every((p) => path.resolve(p).startsWith(BUNDLED_SAMPLE));

/** Loads the CSV files and pools the contribution files, then computes results@1, as the app's "Download results" does. */
export async function resultsForFiles(
  inputs: readonly string[],
  options: Pick<Options, 'asOf' | 'k' | 'filters'> & { engine?: Options['engine'] },
): Promise<{ results: ResultsFile; reports: FileReport[] }> {
  const { csv, contributions } = inputFiles(inputs);
  const { engine, fileAt } = await openEngine(options.engine ?? { kind: 'wasm' as const, threads: null });
  try {
    return await resultsOn(
      engine,
      await Promise.all(csv.map((p) => fileAt(p))),
      await Promise.all(contributions.map((p) => fileAt(p, 'application/json'))),
      { ...options, sample: isBundledSample(csv) },
    );
  } finally {
    await engine.close();
  }
}

async function resultsOn(
  engine: Engine,
  csv: File[],
  contributions: File[],
  options: Pick<Options, 'asOf' | 'k' | 'filters'> & { sample: boolean },
): Promise<{ results: ResultsFile; reports: FileReport[] }> {
  await createDatasetTables(engine);
  const data = csv.length > 0 ? await ingestFiles(engine, csv) : [];
  if (options.sample) await engine.exec(setDataIdSql(SAMPLE_DATA_ID));
  // The data files load together or not at all; results from the contributions alone would hide that.
  if (data.some((r) => r.error))
    throw new UsageError(
      `Nothing of the data files was loaded (they load together or not at all):\n${data.map((r) => `  ${r.file}: ${r.error ?? 'checked'}`).join('\n')}`,
    );
  const reports = [...data, ...(await loadContributions(engine, contributions))];
  const loaded = reports.filter((r) => !r.error);
  if (loaded.length === 0) throw new UsageError(`No file could be loaded:\n${reports.map((r) => `  ${r.file}: ${r.error}`).join('\n')}`);
  const rows = loaded.some((r) => r.kind !== 'contribution');
  const pooled = loaded.some((r) => r.kind === 'contribution');
  const [latest] = await engine.query<{ latest: string | null }>(rows ? LATEST_DATE_SQL : POOL_LATEST_SQL);
  const asOf = options.asOf ?? latest?.latest ?? null;
  if (!asOf) throw new UsageError('The files hold no dates, so there is no as-of date; pass --as-of.');
  // The source tables the app builds after each load: every metric then reads counts, not every hire (same figures, as the golden test checks).
  for (const statement of buildSourceTablesStatements(asOf, { rows, pool: pooled })) await engine.exec(statement);
  const results = await computeResults((sql) => engine.query(sql), options.filters, {
    asOf,
    k: options.k,
    aggregatesAsOf: asOf,
    sources: { rows, contributions: pooled },
  });
  return { results, reports };
}

await runCli(import.meta.url, async (argv) => {
  const options = parseOptions(argv);
  const { results, reports } = await resultsForFiles(options.inputs, options);
  for (const r of reports) {
    const what = r.error
      ? r.error
      : r.kind === 'contribution'
        ? `pooled: ${r.notes.join(' ')}`
        : `${r.kind}: ${r.rowsLoaded} rows loaded, ${r.rowsRejected} rejected`;
    process.stderr.write(`${r.file}: ${what}\n`);
  }
  writeJson(results, options.out);
});
