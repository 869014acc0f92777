/**
 * Issue #9, the measuring part: the app at 100k–5M hires against its performance targets.
 * For each size: generate the data (sample-data generator, scaled) into a temp folder; drive the
 * production build in headless Chromium (ingest, overview, filter latency, memory); run the same
 * ingest and metric SQL in Node on the wasm engine and on native DuckDB (1 thread, all threads); and
 * time a PapaParse + JavaScript overview as the naive alternative. Prints Markdown, writes JSON.
 *
 * Run: npm run bench -- [--rows 100k,1M,7.5M] [--out results.json] [--changes 20] [--runs 3] [--keep-data]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleSize, measureBrowser, startApp, type BundleSize } from './browser-bench';
import { countCsvRows, generateData } from './generate';
import { naiveDifferences, naiveOverview } from './naive-overview';
import { limitReadSeconds, runEngine, skippedRun, type EngineKind, type EngineRun } from './node-bench';
import { checkTargets, headline, markdown, type SizeRun } from './report';
import { CHROMIUM_PATH } from '../e2e/chromium';

// 7.5M hires is the 1.09 GB three-file export of issue 18, the largest a user was seen to drop.
const DEFAULT_ROWS = '100k,1M,7.5M';
const ONE_MILLION = 1_000_000;
const ANSWERED = 'loaded and answered';

function parseRows(list: string): number[] {
  return list.split(',').map((item) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)\s*$/.exec(item);
    if (!match) throw new Error(`--rows: "${item}" is not a number like 100000, 100k or 1M`);
    const scale = { '': 1, k: 1e3, m: 1e6 }[(match[2] ?? '').toLowerCase() as '' | 'k' | 'm'];
    return Math.round(Number(match[1]) * scale);
  });
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: DEFAULT_ROWS },
    out: { type: 'string' },
    changes: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const sizes = parseRows(values.rows);
const changesPerPage = Number(values.changes);
const resultRuns = Number(values.runs);

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function runNode(dir: string, large: boolean): Promise<Record<EngineKind, EngineRun>> {
  const run = async (kind: EngineKind) => {
    log(`  node: ${kind}`);
    // Above 2M hires: one computeResults run and no per-query breakdown, to keep a size well under 10 minutes.
    const result = await runEngine(kind, dir, large ? 1 : resultRuns, !large);
    if (result.error) log(`  node: ${kind} failed: ${result.error}`);
    return result;
  };
  const native_1t = await run('native_1t');
  const native_all = large ? skippedRun('native_all', 'above 2M hires, to keep the size inside its time budget') : await run('native_all');
  return { native_1t, native_all, wasm_node: await run('wasm_node') };
}

async function runNaive(dir: string, product: EngineRun): Promise<SizeRun['naive']> {
  log('  naive: PapaParse + JS');
  try {
    const naive = await naiveOverview(dir);
    const differences = product.overview
      ? naiveDifferences(naive.overview, product.overview as unknown as Record<string, unknown>)
      : ['no product overview to compare'];
    return { ...naive, differences };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function outcome(run: Pick<SizeRun, 'browser'>): string {
  const b = run.browser;
  if (!b) return 'browser not run';
  if (b.crashed) return 'browser tab crashed';
  if (b.ingest_failure) {
    // DuckDB's out-of-memory message runs to several lines of tuning advice; its first sentence says it.
    const message = /Out of Memory Error: [^(]*\([^)]*\)/.exec(b.ingest_failure)?.[0] ?? b.ingest_failure.slice(0, 200);
    const memory = /Out of Memory/.test(b.ingest_failure) ? 'the browser lacks memory: ' : '';
    return `${memory}after ${b.ingest_failed_after_s?.toFixed(0) ?? '?'} s the app reported “${message}” and kept “${b.after_failure_summary ?? '?'}”`;
  }
  if (b.overview_s === null) return `did not answer (${b.page_errors.at(-1) ?? 'no overview'})`;
  return ANSWERED;
}

async function measureSize(url: string, target: number, sampleHires: number, bundle: BundleSize): Promise<SizeRun> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), `ler-bench-${target}-`));
  try {
    log(`${target.toLocaleString('en-US')} hires: generating into ${dir}`);
    const generated = await generateData(target, dir);
    log(
      `  generated ${generated.rows.hires.toLocaleString('en-US')} hires, ${generated.csv_mb.toFixed(0)} MB in ${generated.generate_s.toFixed(1)} s; browser`,
    );
    const browser = await measureBrowser(url, dir, generated.rows, sampleHires, changesPerPage);
    log(
      `  browser: ingest ${browser.ingest_s?.toFixed(2) ?? browser.ingest_failure ?? '—'} s, overview ${browser.overview_s?.toFixed(2) ?? '—'} s`,
    );
    const node = await runNode(dir, target > 2 * ONE_MILLION);
    const naive = await runNaive(dir, node.native_1t);
    log('  limit: native DuckDB, one thread, typed read without checks');
    const limit_read_s = await limitReadSeconds(dir).catch((err: unknown) => {
      log(`  limit read failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    const partial = { target_hires: target, ...generated, browser, node, naive, limit_read_s };
    const run: SizeRun = {
      ...partial,
      outcome: outcome(partial),
      wall_s: (performance.now() - started) / 1000,
      load_average: [loadAtStart, os.loadavg()[0] ?? 0],
    };
    log(`  done in ${run.wall_s.toFixed(0)} s: ${run.outcome}; ${JSON.stringify(headline(run, bundle))}`);
    return run;
  } finally {
    if (values['keep-data']) log(`  data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    chromium: CHROMIUM_PATH,
  };
}

const METHODS = {
  keys: 'Top-level figures are for the largest size attempted (null where the browser could not load it); largest_answered repeats them for the largest size that loaded and answered; by_size has every size in full.',
  generation:
    'data/generate-sample.ts --hires N --out <os.tmpdir()>: the sample generator with employers copied round(N / 48,368) times and requisition rates fitted so hires ≈ N; training follows the hires.',
  browser:
    'vite build (production) into a temp folder, vite preview, headless Debian Chromium via test/e2e/chromium.ts openSession; a fresh profile per size.',
  startup_overview_s:
    'page.goto → Overview with all four cards, the Adoption card showing the sample hires count, no view in <main> computing or updating, all charts drawn; performance.now() at that frame (ms since navigation start).',
  ingest_s:
    "Data page → 'Clear all data' → setInputFiles on 'CSV files to load' with the three CSVs; from the input's change event to the Data summary showing 'N hires ·' with no view in <main> computing (includes validation, saving and the catalogue counts; the pre-aggregates are then built in the background, timed in Node as aggregates_s).",
  ingest_longest_task_ms:
    'the longest main-thread task (Long Tasks API, ≥ 50 ms) over the same span as ingest_s: how long the page could not respond while the files loaded.',
  ingest_peak_memory_mb:
    'the renderer process peak RSS (VmHWM, the engine worker included) read as the load ends: the load’s own peak (start-up with the sample takes far less); peak_memory_mb is the whole run’s, filter changes included.',
  overview_s:
    "click on the Overview link after ingest → all four cards, the Adoption card showing 'n = N hires', no view in <main> computing or updating, all charts drawn.",
  filter_latency:
    "per page, `changes` clicks on Industry checkboxes (Gray-code order, so every filter state is new and uncached); each change starts once nothing is pending anywhere (the header's 'Computing…' included, so the background build of the pre-aggregates is done); timed from the click event's timestamp to the first DOM mutation after which no view in <main> is computing (spinner) or updating (aria-busy), every Recharts SVG is drawn and <main> (minus the filter bar) differs from before. KPI = first headline figure list (dl.figures) or figure table changed. filter_p95_ms / kpi_p95_ms = the worst page's p95 among Overview, Hiring, Retention, Upskilling (Pilot outcomes waits on the bootstrap and is judged by bootstrap_s; its latency is listed). longest_task_ms: the longest main-thread task (Long Tasks API) from the click to done, over the page's changes: how long the UI could not respond.",
  bootstrap_s:
    'pilotDidSql (the inputs) and readPilotDid (the estimates and 499 bootstrap replicates from them), in Node on the wasm engine (the browser build of DuckDB 1.4.3, one thread), no filters; the Pilot outcomes page latency in the browser is listed too.',
  ratio_native_1t:
    'computeResults (every metric query) on the wasm engine in Node ÷ the same on native DuckDB v1.4.4 (@duckdb/node-api 1.4.4-r.3, threads=1; the nearest release to the wasm build’s v1.4.3 with bindings for every platform), both loaded by src/ingest/load.ts from the same CSVs after loading and clearing the sample (as the browser does); median of --runs runs (1 run and no per-query breakdown above 2M).',
  ratio_naive:
    'PapaParse (streamed) + plain JS overview in Node (parse + medians, KM S(365) with interval, training totals, adoption), checked equal to the product’s overview ÷ browser ingest_s + overview_s.',
  limit_read_s:
    'native DuckDB (@duckdb/node-api, threads=1) CREATE TABLE AS SELECT * FROM read_csv(..., auto_detect = false, columns = the contract types) for each of the three CSVs, no checks: the physical limit; ratio_limit = ingest_s ÷ limit_read_s.',
  peak_memory_mb:
    "peak resident set (VmHWM from /proc) of the Chromium renderer process, which holds the page, the DuckDB worker and its wasm memory. Also listed: page JS heap peak (performance.memory sampled every 50 ms) and the DuckDB worker's wasm linear memory (CDP auto-attach to the worker, Runtime.evaluate of DUCKDB_BINDINGS.mod.HEAPU8.buffer.byteLength, read after the filter runs; wasm memory never shrinks) and JS heap (Runtime.getHeapUsage).",
  initial_js_gzip_kb:
    'zlib gzip (default level) of the production build’s entry chunk index-*.js; bundle.initial_scripts_gzip_kb adds the chunks index.html modulepreloads.',
};

async function main(): Promise<void> {
  log(`sizes ${sizes.join(', ')}; building the app`);
  const app = await startApp();
  const bundle = bundleSize(app.outDir);
  const sampleHires = (await countCsvRows(path.resolve('data/sample'))).hires;
  const runs: SizeRun[] = [];
  try {
    for (const size of sizes) runs.push(await measureSize(app.url, size, sampleHires, bundle));
  } finally {
    await app.close();
  }
  const largest = runs.reduce((a, b) => (b.target_hires > a.target_hires ? b : a));
  const answered = runs.filter((r) => r.outcome === ANSWERED);
  const largestAnswered = answered.reduce<SizeRun | null>((a, b) => (a === null || b.target_hires > a.target_hires ? b : a), null);
  const atOneMillion = runs.find((r) => r.target_hires === ONE_MILLION) ?? null;
  const checks = atOneMillion ? checkTargets(atOneMillion, bundle) : null;
  console.log(markdown(runs, bundle, checks, atOneMillion ?? largest));
  const json = {
    schema: 'ler-outcomes/bench@1',
    measured_at: new Date().toISOString(),
    largest_target_hires: largest.target_hires,
    ...headline(largest, bundle),
    largest_answered: largestAnswered ? { target_hires: largestAnswered.target_hires, ...headline(largestAnswered, bundle) } : null,
    targets_at_1m: checks,
    bundle,
    machine: { ...machine(), duckdb_native: largest.node.native_1t.version, duckdb_wasm: largest.node.wasm_node.version },
    methods: METHODS,
    by_size: Object.fromEntries(runs.map((r) => [String(r.target_hires), { headline: headline(r, bundle), ...r }])),
  };
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify(json, null, 2)}\n`);
    log(`wrote ${values.out}`);
  }
}

await main();
