import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createNodeEngine } from '../engine/node-engine';
import { ingestFiles, type FileReport } from '../ingest/load';
import type { Filters } from '../metrics/filters';
import { computeResults, type ResultsFile } from '../metrics/results';
import { DEFAULT_K, LATEST_DATE_SQL } from '../metrics/settings';

const USAGE = `Usage: npm run metrics -- <folder or CSV files…> [--as-of YYYY-MM-DD] [--k N] [--filters JSON] [--out file.json]

Loads employers, hires and training CSV files through the app's own ingest and metrics code and
writes the results@1 JSON (to stdout without --out). --filters takes the app's filter object, e.g.
'{"industry":["Retail"],"period":{"from":"2023-01-01"}}'.`;

/** A problem with the command line or the input: reported in one line, exit code 2. */
export class UsageError extends Error {}

interface Options {
  inputs: string[];
  asOf: string | null;
  k: number;
  filters: Filters;
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
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new UsageError(USAGE);
  if (positionals.length === 0) throw new UsageError(`No input given.\n\n${USAGE}`);
  const asOf = values['as-of'] ?? null;
  if (asOf !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))))
    throw new UsageError(`--as-of must be a date as YYYY-MM-DD, not "${asOf}".`);
  const k = values.k === undefined ? DEFAULT_K : Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`--k must be a whole number of at least 1, not "${values.k}".`);
  let filters: Filters = {};
  if (values.filters !== undefined) {
    try {
      filters = JSON.parse(values.filters) as Filters;
    } catch {
      throw new UsageError(`--filters must be JSON, e.g. '{"industry":["Retail"]}'.`);
    }
  }
  return { inputs: positionals, asOf, k, filters, out: values.out ?? null };
}

/** The CSV files named: a folder stands for the .csv files directly inside it. */
export function csvFiles(inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new UsageError(`No such file or folder: ${input}`);
    }
    if (!stats.isDirectory()) return [input];
    const found = readdirSync(input)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort()
      .map((f) => path.join(input, f));
    if (found.length === 0) throw new UsageError(`No .csv files in ${input}`);
    return found;
  });
}

/** Loads the files and computes results@1, as the app's "Download results" does. */
export async function resultsForFiles(
  paths: readonly string[],
  options: Pick<Options, 'asOf' | 'k' | 'filters'>,
): Promise<{ results: ResultsFile; reports: FileReport[] }> {
  const engine = await createNodeEngine();
  const files = paths.map((p) => new File([readFileSync(p)], path.basename(p), { type: 'text/csv' }));
  const reports = await ingestFiles(engine, files);
  const failed = reports.filter((r) => r.error);
  if (failed.length === reports.length)
    throw new UsageError(`No file could be loaded:\n${failed.map((r) => `  ${r.file}: ${r.error}`).join('\n')}`);
  const [latest] = await engine.query<{ latest: string | null }>(LATEST_DATE_SQL);
  const asOf = options.asOf ?? latest?.latest ?? null;
  if (!asOf) throw new UsageError('The files hold no dates, so there is no as-of date; pass --as-of.');
  const results = await computeResults((sql) => engine.query(sql), options.filters, { asOf, k: options.k });
  return { results, reports };
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const options = parseOptions(argv);
    const { results, reports } = await resultsForFiles(csvFiles(options.inputs), options);
    for (const r of reports) {
      const what = r.error ? `not loaded: ${r.error}` : `${r.kind}: ${r.rowsLoaded} rows loaded, ${r.rowsRejected} rejected`;
      process.stderr.write(`${r.file}: ${what}\n`);
    }
    const json = `${JSON.stringify(results, null, 2)}\n`;
    if (options.out) {
      writeFileSync(options.out, json);
      process.stderr.write(`Wrote ${options.out}\n`);
    } else {
      process.stdout.write(json);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${err instanceof UsageError ? err.message : `Failed: ${err instanceof Error ? err.message : String(err)}`}\n`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = await main(process.argv.slice(2));
}
