/**
 * The app as a user meets it: the production build served by `vite preview`, driven in headless
 * Debian Chromium through its own controls (file input, buttons, navigation, filter checkboxes).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { formatCount } from '../../src/components/format';
import { openSession, type Session } from '../e2e/chromium';
import {
  armWatch,
  firstFigureAt,
  heapPeak,
  isSettled,
  settledWith,
  startHeapSampler,
  startupMarks,
  watchResult,
  type WatchResult,
  type WatchSpec,
} from './in-page';
import { rendererPeakRssMb, WorkerProbe, type WorkerMemory } from './memory';
import { CSV_NAMES } from './node-bench';

export interface AppServer {
  url: string;
  outDir: string;
  close: () => Promise<void>;
}

/** Builds the production app into a temporary folder (not dist/, which the e2e tests use) and serves it. */
export async function startApp(): Promise<AppServer> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'ler-bench-dist-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  return {
    url: url.replace(/\/$/, ''),
    outDir,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface BundleSize {
  /** The entry chunk index-*.js, gzipped with zlib's default level. */
  index_js_gzip_kb: number;
  /** Every script index.html loads before the app runs: the entry and its modulepreload chunks. */
  initial_scripts_gzip_kb: number;
  initial_files: string[];
  /** Loaded at start-up too, but by the engine's worker rather than as page script. */
  worker_js_gzip_kb: number;
  wasm_gzip_kb: number;
}

const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / 1024;

export function bundleSize(outDir: string): BundleSize {
  const assets = path.join(outDir, 'assets');
  const names = readdirSync(assets);
  const index = names.find((n) => /^index-.*\.js$/.test(n));
  if (!index) throw new Error(`no index-*.js in ${assets}`);
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const sum = (files: string[]) => files.reduce((s, f) => s + gzipKb(path.join(assets, f)), 0);
  return {
    index_js_gzip_kb: gzipKb(path.join(assets, index)),
    initial_scripts_gzip_kb: sum(initial),
    initial_files: initial,
    worker_js_gzip_kb: sum(names.filter((n) => /^duckdb-browser-eh\.worker.*\.js$/.test(n))),
    wasm_gzip_kb: sum(names.filter((n) => /^duckdb-eh.*\.wasm$/.test(n))),
  };
}

export const FILTER_PAGES = ['Overview', 'Hiring', 'Retention', 'Upskilling', 'Pilot outcomes'] as const;
export type FilterPage = (typeof FILTER_PAGES)[number];
const OVERVIEW_CARDS = ['Hiring', 'Retention', 'Upskilling', 'Adoption'] as const;

export interface LatencyStats {
  changes: number;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  kpi_p50_ms: number | null;
  kpi_p95_ms: number | null;
  /** The longest main-thread task during any of the changes: the UI cannot respond for that long. */
  longest_task_ms: number;
  timeouts: number;
}

export interface BrowserMemory {
  page_js_heap_peak_mb: number;
  worker: WorkerMemory | null;
  renderer_peak_rss_mb: number | null;
}

/** The tab's memory peaks so far: the renderer's resident set, the page's JS heap, and the engine worker's. */
async function readMemory(page: Page, probe: WorkerProbe): Promise<BrowserMemory> {
  return {
    page_js_heap_peak_mb: (await page.evaluate(heapPeak).catch(() => 0)) / (1024 * 1024),
    worker: await probe.read().catch(() => null),
    renderer_peak_rss_mb: rendererPeakRssMb(),
  };
}

export interface BrowserRun {
  /** Page open (navigation start) → overview complete with the engine's figures on the bundled sample (auto-loaded), fresh profile. */
  startup_overview_s: number | null;
  /** The same after a reload (wasm and assets in the HTTP cache, the sample stored in the browser). */
  startup_overview_warm_s: number | null;
  /** Page open → the first headline figure on screen, fresh profile (the sample's figures shipped with the app). */
  cold_open_s: number | null;
  /** The same after a reload (the figures saved on the first visit). */
  warm_open_s: number | null;
  /** Where start-up goes: the app's start-up marks, ms since navigation start, for the first visit and the reload. */
  startup_steps: { cold: Record<string, number>; warm: Record<string, number> } | null;
  ingest_s: number | null;
  ingest_rows_per_s: number | null;
  /** The longest main-thread task (Long Tasks API) while the files loaded: how long the page could not respond. */
  ingest_longest_task_ms: number | null;
  /** The app's own message when the load failed (e.g. out of memory), else null. */
  ingest_failure: string | null;
  /** File input change → that message shown. */
  ingest_failed_after_s: number | null;
  /** After a failed load has settled: the Data page's summary line, i.e. what the app is left holding. */
  after_failure_summary: string | null;
  /** Click on Overview after ingest → all four cards complete with the new hires count. */
  overview_s: number | null;
  filters: Partial<Record<FilterPage, LatencyStats>>;
  memory: BrowserMemory & {
    /** The same read as the load ends (the peaks up to then: the load's own, since start-up with the sample takes far less). */
    at_ingest: BrowserMemory | null;
  };
  page_errors: string[];
  crashed: boolean;
}

export interface Expected {
  employers: number;
  hires: number;
  training: number;
}

export const TIMEOUTS = { startup: 120_000, ingest: 300_000, overview: 120_000, filter: 60_000, settle: 300_000 } as const;
/** A page's filter changes stop early past this, so one size stays well inside its time budget; `changes` tells. */
const PAGE_BUDGET_MS = 90_000;

/** Runs one watched user action: arm in the page, act through Playwright, read the page's timing. */
export async function watched(page: Page, spec: WatchSpec, act: () => Promise<void>): Promise<WatchResult> {
  await page.evaluate(armWatch, spec);
  await act();
  const result = await page.evaluate(watchResult);
  if (!result) throw new Error('the watch was not armed');
  return result;
}

export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(isSettled, undefined, { timeout: TIMEOUTS.settle, polling: 100 });
}

export async function goTo(page: Page, link: string): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: link }).waitFor({ timeout: TIMEOUTS.settle });
  await settle(page);
}

interface Startup {
  firstFigureS: number;
  overviewS: number;
  steps: Record<string, number>;
}

/**
 * Page open → the first figure, and → the overview complete with the engine's figures on the bundled sample,
 * timed from navigation start; `reload` for a second visit.
 */
async function startup(page: Page, url: string, sampleHires: number, reload: boolean): Promise<Startup> {
  await (reload ? page.reload() : page.goto(url));
  const first = await page.waitForFunction(firstFigureAt, undefined, { timeout: TIMEOUTS.startup, polling: 'raf' });
  const expect = {
    articles: OVERVIEW_CARDS,
    selector: 'article[aria-label="Adoption"]',
    contains: `n = ${formatCount(sampleHires)} hires`,
    marks: [reload ? 'stored-data-opened' : 'sample-loaded'],
  };
  const handle = await page.waitForFunction(settledWith, expect, { timeout: TIMEOUTS.startup, polling: 'raf' });
  const overviewS = Number(await handle.jsonValue()) / 1000;
  await page.waitForFunction(() => performance.getEntriesByName('ler:aggregates-built').length > 0, undefined, {
    timeout: TIMEOUTS.startup,
  });
  return { firstFigureS: Number(await first.jsonValue()) / 1000, overviewS, steps: await page.evaluate(startupMarks) };
}

export const DATA_SECTION = 'section[aria-labelledby="data-title"]';
const DATA_SUMMARY = `${DATA_SECTION} .section-head p`;

/** Clears the sample on the Data page, then loads the three CSVs through the file input. */
async function ingest(page: Page, dir: string, expected: Expected): Promise<WatchResult> {
  await goTo(page, 'Data');
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await page.locator(DATA_SUMMARY, { hasText: /^0 employers · 0 hires/ }).waitFor({ timeout: TIMEOUTS.settle });
  await settle(page);
  const spec: WatchSpec = {
    startEvent: 'change',
    // A whole-load failure shows an alert; a file that could not be loaded shows a failed row in the file report.
    until: {
      kind: 'text',
      selector: DATA_SUMMARY,
      contains: `${formatCount(expected.hires)} hires ·`,
      failSelector: `${DATA_SECTION} [role="alert"], ${DATA_SECTION} tr.failed`,
    },
    timeoutMs: TIMEOUTS.ingest,
  };
  return watched(page, spec, () => page.getByLabel('CSV files to load').setInputFiles(CSV_NAMES.map((n) => path.join(dir, n))));
}

async function overviewAfterIngest(page: Page, hires: number): Promise<WatchResult> {
  const spec: WatchSpec = {
    startEvent: 'click',
    until: { kind: 'text', selector: 'article[aria-label="Adoption"]', contains: `n = ${formatCount(hires)} hires` },
    timeoutMs: TIMEOUTS.overview,
  };
  const result = await watched(page, spec, () => page.getByRole('link', { name: 'Overview', exact: true }).click());
  const cards = await Promise.all(OVERVIEW_CARDS.map((name) => page.getByRole('article', { name }).count()));
  if (cards.some((n) => n !== 1)) throw new Error(`overview cards missing: ${OVERVIEW_CARDS.join(', ')} → ${cards.join(', ')}`);
  return result;
}

/**
 * The k-th filter change toggles industry ctz(k): consecutive states then follow a Gray code, so every
 * state in a run is new and never answered from the app's query cache.
 */
const industryToToggle = (k: number) => Math.log2(k & -k);

function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = sorted[Math.floor(h)] ?? 0;
  return lo + (h - Math.floor(h)) * ((sorted[Math.ceil(h)] ?? lo) - lo);
}

function latencyStats(results: readonly WatchResult[]): LatencyStats {
  const all = results.flatMap((r) => (r.ms === null ? [] : [r.ms]));
  const kpi = results.flatMap((r) => (r.kpiMs === null ? [] : [r.kpiMs]));
  return {
    changes: results.length,
    p50_ms: quantile(all, 0.5),
    p95_ms: quantile(all, 0.95),
    max_ms: all.length > 0 ? Math.max(...all) : null,
    kpi_p50_ms: quantile(kpi, 0.5),
    kpi_p95_ms: quantile(kpi, 0.95),
    longest_task_ms: Math.max(0, ...results.map((r) => r.longestTaskMs)),
    timeouts: results.filter((r) => r.timedOut).length,
  };
}

function industryOptions(page: Page): Locator {
  return page.locator('details.filter', { has: page.locator('summary', { hasText: /^Industry/ }) }).locator('input[type="checkbox"]');
}

/** `changes` filter changes on one page, each timed from the checkbox click to every view updated. */
export async function filterLatency(page: Page, name: FilterPage, changes: number, counter: { k: number }): Promise<LatencyStats> {
  await goTo(page, name);
  const summary = page.locator('summary', { hasText: /^Industry/ });
  if ((await page.locator('details.filter', { has: summary }).getAttribute('open')) === null) await summary.click();
  const options = industryOptions(page);
  await options.first().waitFor({ timeout: TIMEOUTS.settle });
  const results: WatchResult[] = [];
  const started = performance.now();
  for (let i = 0; i < changes && performance.now() - started < PAGE_BUDGET_MS; i++) {
    const option = options.nth(industryToToggle(++counter.k));
    results.push(
      await watched(page, { startEvent: 'click', until: { kind: 'figures-changed' }, timeoutMs: TIMEOUTS.filter }, () => option.click()),
    );
    await settle(page);
  }
  return latencyStats(results);
}

export async function openInstrumented(url: string): Promise<{ session: Session; probe: WorkerProbe }> {
  const session = await openSession(url);
  // tsx compiles with keepNames, so functions handed to page.evaluate call esbuild's __name helper.
  await session.context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await session.context.addInitScript(startHeapSampler);
  const probe = await WorkerProbe.attach(session.page);
  return { session, probe };
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/** One fresh browser for one data size: start-up with the sample, ingest, overview, filter latency, memory. */
export async function measureBrowser(
  url: string,
  dir: string,
  expected: Expected,
  sampleHires: number,
  changesPerPage: number,
): Promise<BrowserRun> {
  const { session, probe } = await openInstrumented(url);
  const { page } = session;
  let crashed = false;
  page.on('crash', () => (crashed = true));
  page.setDefaultTimeout(TIMEOUTS.settle);
  const run: BrowserRun = {
    startup_overview_s: null,
    startup_overview_warm_s: null,
    cold_open_s: null,
    warm_open_s: null,
    startup_steps: null,
    ingest_s: null,
    ingest_rows_per_s: null,
    ingest_longest_task_ms: null,
    ingest_failure: null,
    ingest_failed_after_s: null,
    after_failure_summary: null,
    overview_s: null,
    filters: {},
    memory: { page_js_heap_peak_mb: 0, worker: null, renderer_peak_rss_mb: null, at_ingest: null },
    page_errors: session.errors,
    crashed: false,
  };
  try {
    const cold = await startup(page, url, sampleHires, false);
    // The figures the second visit shows first are those the app saves as the page is left.
    const warm = await startup(page, url, sampleHires, true);
    run.startup_overview_s = cold.overviewS;
    run.startup_overview_warm_s = warm.overviewS;
    run.cold_open_s = cold.firstFigureS;
    run.warm_open_s = warm.firstFigureS;
    run.startup_steps = { cold: cold.steps, warm: warm.steps };
    const loaded = await ingest(page, dir, expected);
    run.ingest_longest_task_ms = loaded.longestTaskMs;
    run.memory.at_ingest = await readMemory(page, probe);
    run.ingest_failure = loaded.failure ?? (loaded.timedOut ? `no result within ${TIMEOUTS.ingest / 1000} s` : null);
    if (run.ingest_failure !== null) {
      run.ingest_failed_after_s = seconds(loaded.ms);
      await settle(page);
      run.after_failure_summary = await page.locator(DATA_SUMMARY).innerText();
    } else if (loaded.ms !== null) {
      run.ingest_s = loaded.ms / 1000;
      run.ingest_rows_per_s = (expected.employers + expected.hires + expected.training) / run.ingest_s;
      const overview = await overviewAfterIngest(page, expected.hires);
      run.overview_s = seconds(overview.ms);
      const counter = { k: 0 };
      for (const name of FILTER_PAGES) run.filters[name] = await filterLatency(page, name, changesPerPage, counter);
    }
  } catch (err) {
    run.page_errors.push(`bench: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  } finally {
    run.crashed = crashed;
    if (crashed) run.memory.renderer_peak_rss_mb = rendererPeakRssMb();
    else run.memory = { ...(await readMemory(page, probe)), at_ingest: run.memory.at_ingest };
    await session.close();
  }
  return run;
}
