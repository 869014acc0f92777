/**
 * The same ingest and metric SQL in Node: on the wasm engine the browser runs (Node build, one
 * thread) and on native DuckDB (v1.4.4) with one thread and with all cores, the engine's limit.
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { TABLES } from '../../src/ingest/contract';
import { type FileReport } from '../../src/ingest/load';
import { ingestFiles } from '../../src/ingest/batch';
import { ident, str } from '../../src/sql/quote';
import { clearDataset } from '../../src/ingest/tables';
import { DERIVED_VIEWS_SQL } from '../../src/metrics/derived-views';
import { pilotDidSql, readPilotDid } from '../../src/metrics/did';
import type { Filters } from '../../src/metrics/filters';
import {
  costPerHireSql,
  distributionSql,
  durationHistogramSql,
  noDegreeShareSql,
  timeToFillByOccupationSql,
  timeToFillByQuarterSql,
} from '../../src/metrics/hiring';
import { computeOverview, overviewSql, type Overview } from '../../src/metrics/overview';
import { computeResults, countsSql } from '../../src/metrics/results';
import { atRiskSql, retentionCurveSql, retentionLogRankSql, retentionSql } from '../../src/metrics/retention';
import { DEFAULT_K, LATEST_DATE_SQL, type MetricSettings } from '../../src/metrics/settings';
import { upskillingSql } from '../../src/metrics/upskilling-sql';
import { buildAggregates } from '../support/engine';
import { createNativeEngine, onDisk } from '../../src/engine/native-engine';
import { ingestStep, timedEngine } from './timed-engine';

export type EngineKind = 'wasm_node' | 'native_1t' | 'native_all';

export interface IngestStep {
  file: string | null;
  step: string;
  ms: number;
}

export interface EngineRun {
  engine: EngineKind;
  version: string;
  /** Ingest of the three files with validation, plus the catalogue refresh the app does before the data is usable. */
  ingest_s: number | null;
  /** The pre-aggregates' build, which the app runs in the background after that. */
  aggregates_s: number | null;
  ingest_steps: IngestStep[];
  rows_loaded: number;
  rows_rejected: number;
  /** computeResults (every metric, bootstrap included), median of the runs. */
  results_s: number | null;
  results_runs: number;
  /** computeOverview: the four overview queries. */
  overview_s: number | null;
  /** Page → query → ms without filters and with ONE_INDUSTRY. */
  queries_ms: Record<string, Record<string, { all: number; one_industry: number }>>;
  overview: Overview | null;
  error: string | null;
}

export const CSV_NAMES = ['employers.csv', 'hires.csv', 'training.csv'] as const;
const SAMPLE_DIR = path.resolve('data/sample');

const seconds = (ms: number) => ms / 1000;

async function timeMs(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export const BOOTSTRAP_QUERY = 'DiD + bootstrap (499 replicates)';
/** A single-industry filter, like the browser's filter runs, to show what a filter change costs. */
export const ONE_INDUSTRY: Filters = { industry: ['Retail'] };
/** The retention page's at-risk landmarks (AT_RISK_DAYS in retention-page.tsx). */
const AT_RISK_DAYS = [0, 90, 180, 365, 730, 1095];

/** The queries each page runs (one connection, one at a time), so their sum is the page's engine time. */
export function pageQueries(filters: Filters, settings: MetricSettings): Record<string, Record<string, string>> {
  const overview = overviewSql(filters, settings);
  return {
    Overview: {
      'time-to-fill median': overview.timeToFill,
      'KM retention': overview.retention,
      training: overview.training,
      adoption: overview.adoption,
    },
    Hiring: {
      'time-to-fill distribution': distributionSql(filters, settings, 'time_to_fill'),
      'cost per hire': costPerHireSql(filters, settings),
      'no-degree share': noDegreeShareSql(filters, settings),
      'time-to-fill histogram': durationHistogramSql(filters, settings, 'time_to_fill'),
      'time-to-hire histogram': durationHistogramSql(filters, settings, 'time_to_hire'),
      'time-to-fill by quarter': timeToFillByQuarterSql(filters, settings),
      'time-to-fill by occupation': timeToFillByOccupationSql(filters, settings),
    },
    Retention: {
      'KM at 90/180/365': retentionSql(filters, settings),
      'log-rank': retentionLogRankSql(filters, settings),
      'KM curve': retentionCurveSql(filters, settings),
      'at risk': atRiskSql(filters, settings, AT_RISK_DAYS),
    },
    Upskilling: { upskilling: upskillingSql(filters, settings) },
    'Pilot outcomes': { [BOOTSTRAP_QUERY]: pilotDidSql(filters, settings) },
    'results file only': {
      counts: countsSql(filters, settings),
      'time-to-hire distribution': distributionSql(filters, settings, 'time_to_hire'),
    },
  };
}

interface OpenEngine {
  engine: Engine;
  /** The three CSVs of a folder as Files this engine can read. */
  filesIn: (dir: string) => Promise<File[]>;
  close: () => Promise<void>;
}

async function openEngine(kind: EngineKind): Promise<OpenEngine> {
  // Disk-backed blobs: the wasm Node engine copies each into its heap, native DuckDB reads the path.
  const read = (dir: string) =>
    Promise.all(
      CSV_NAMES.map(async (name) => ({
        diskPath: path.join(dir, name),
        file: new File([await openAsBlob(path.join(dir, name))], name, { type: 'text/csv' }),
      })),
    );
  if (kind === 'wasm_node')
    return { engine: await createNodeEngine(), filesIn: async (dir) => (await read(dir)).map((f) => f.file), close: async () => undefined };
  const native = await createNativeEngine({ threads: kind === 'native_1t' ? 1 : null });
  const filesIn = async (dir: string) => (await read(dir)).map(({ diskPath, file }) => onDisk(file, diskPath));
  return { engine: native, filesIn, close: () => native.close() };
}

/** The browser loads the sample before the user's files; loading and clearing it here warms the engine the same way. */
async function warmUp(engine: Engine, filesIn: OpenEngine['filesIn']): Promise<void> {
  await ingestFiles(engine, await filesIn(SAMPLE_DIR));
  await clearDataset(engine);
}

function ingestOutcome(reports: FileReport[]): { loaded: number; rejected: number; error: string | null } {
  const errors = reports.filter((r) => r.error).map((r) => `${r.file}: ${r.error}`);
  return {
    loaded: reports.reduce((s, r) => s + r.rowsLoaded, 0),
    rejected: reports.reduce((s, r) => s + r.rowsRejected, 0),
    error: errors.length > 0 ? errors.join(' | ') : null,
  };
}

/** A run left out (e.g. to keep a large size inside its time budget), with why. */
export function skippedRun(kind: EngineKind, reason: string): EngineRun {
  return {
    engine: kind,
    version: '',
    ingest_s: null,
    aggregates_s: null,
    ingest_steps: [],
    rows_loaded: 0,
    rows_rejected: 0,
    results_s: null,
    results_runs: 0,
    overview_s: null,
    queries_ms: {},
    overview: null,
    error: `skipped: ${reason}`,
  };
}

/**
 * Loads the CSVs in `dir` into a fresh engine of `kind`, then times the metrics on them; `perQuery`
 * adds each page's queries alone (unfiltered and one industry), the breakdown behind missed targets.
 */
export async function runEngine(kind: EngineKind, dir: string, resultRuns: number, perQuery: boolean): Promise<EngineRun> {
  const { engine: inner, filesIn, close } = await openEngine(kind);
  await warmUp(inner, filesIn);
  const files = await filesIn(dir);
  const timing = timedEngine(inner);
  const { engine, calls } = timing;
  const run: EngineRun = {
    engine: kind,
    version: await inner.version(),
    ingest_s: null,
    aggregates_s: null,
    ingest_steps: [],
    rows_loaded: 0,
    rows_rejected: 0,
    results_s: null,
    results_runs: resultRuns,
    overview_s: null,
    queries_ms: {},
    overview: null,
    error: null,
  };
  try {
    let reports: FileReport[] = [];
    let latestDate: string | null = null;
    const ingestMs = await timeMs(async () => {
      reports = await ingestFiles(engine, files);
      timing.setFile(null);
      // What the app does after every load before the data is usable (dataset-slice readCatalogue), apart from trivial counts.
      await engine.exec(DERIVED_VIEWS_SQL);
      const [latest] = await engine.query<{ latest: string | null }>(LATEST_DATE_SQL);
      latestDate = latest?.latest ?? null;
    });
    const buildMs = await timeMs(async () => {
      if (latestDate) await buildAggregates(engine, latestDate);
    });
    run.aggregates_s = seconds(buildMs);
    run.ingest_steps = calls.map((c) => ({ file: c.file, step: ingestStep(c.sql), ms: c.ms }));
    const outcome = ingestOutcome(reports);
    Object.assign(run, { rows_loaded: outcome.loaded, rows_rejected: outcome.rejected, error: outcome.error });
    if (outcome.error) return run;
    run.ingest_s = seconds(ingestMs);
    await measureMetrics(inner, run, perQuery);
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
  } finally {
    await close();
  }
  return run;
}

async function measureMetrics(engine: Engine, run: EngineRun, perQuery: boolean): Promise<void> {
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  // As the app does: the pre-aggregates readCatalogue built are for the latest date, the default as-of.
  const settings: MetricSettings = { asOf: latest?.latest ?? '', k: DEFAULT_K, aggregatesAsOf: latest?.latest ?? null };
  const runner = (sql: string) => engine.query(sql);
  const overviewStart = performance.now();
  run.overview = await computeOverview(runner, settings);
  run.overview_s = seconds(performance.now() - overviewStart);
  const filtered = pageQueries(ONE_INDUSTRY, settings);
  for (const [page, queries] of Object.entries(perQuery ? pageQueries({}, settings) : {})) {
    run.queries_ms[page] = {};
    for (const [name, sql] of Object.entries(queries)) {
      const one = filtered[page]?.[name] ?? sql;
      // The DiD's query gives the bootstrap's inputs; readPilotDid computes the estimates from them.
      const answer = async (q: string) => (name === BOOTSTRAP_QUERY ? readPilotDid(await engine.query(q), DEFAULT_K) : engine.query(q));
      run.queries_ms[page][name] = { all: await timeMs(() => answer(sql)), one_industry: await timeMs(() => answer(one)) };
    }
  }
  const times: number[] = [];
  for (let i = 0; i < run.results_runs; i++) times.push(await timeMs(() => computeResults(runner, {}, settings)));
  run.results_s = seconds(median(times));
}

const SQL_TYPE = { text: 'VARCHAR', date: 'DATE', bool: 'BOOLEAN', number: 'DOUBLE' } as const;

/**
 * The physical limit of ingest (issue 17): native DuckDB on one thread reading the three CSVs into tables
 * typed as the contract says, with no check at all — what no validated ingest can beat on this machine.
 */
export async function limitReadSeconds(dir: string): Promise<number> {
  const engine = await createNativeEngine({ threads: 1 });
  try {
    return seconds(
      await timeMs(async () => {
        for (const table of TABLES) {
          const columns = table.columns.map((c) => `${str(c.name)}: ${str(SQL_TYPE[c.type])}`).join(', ');
          await engine.exec(`CREATE TABLE ${ident(table.kind)} AS SELECT * FROM read_csv(${str(path.join(dir, `${table.kind}.csv`))},
            header = true, auto_detect = false, delim = ',', columns = {${columns}})`);
        }
      }),
    );
  } finally {
    await engine.close();
  }
}
