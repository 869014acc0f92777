/** The benchmark's summary (JSON keys), its targets, and the Markdown report. */
import { FILTER_PAGES, type BrowserRun, type BundleSize, type LatencyStats } from './browser-bench';
import type { Generated } from './generate';
import type { NaiveRun } from './naive-overview';
import { BOOTSTRAP_QUERY, type EngineKind, type EngineRun } from './node-bench';
import { STEP } from './timed-engine';

export interface SizeRun extends Generated {
  target_hires: number;
  browser: BrowserRun | null;
  node: Record<EngineKind, EngineRun>;
  naive: (NaiveRun & { differences: string[] }) | { error: string };
  /** Native DuckDB, one thread, reading the CSVs into contract-typed tables with no checks (limitReadSeconds); null if it failed. */
  limit_read_s: number | null;
  /** What happened, in one line (for 5M: loaded and answered, or the app's message). */
  outcome: string;
  wall_s: number;
  /** 1-minute load average at the start and end: other work on this 2-core machine skews every time above. */
  load_average: [number, number];
}

/** The headline figures of one size: the JSON's top-level keys for the largest size. */
export interface Headline {
  hires: number;
  ingest_s: number | null;
  overview_s: number | null;
  filter_p95_ms: number | null;
  kpi_p95_ms: number | null;
  bootstrap_s: number | null;
  ratio_native_1t: number | null;
  ratio_naive: number | null;
  limit_read_s: number | null;
  /** ingest_s ÷ limit_read_s: how far validated ingest in the browser is from the physical limit. */
  ratio_limit: number | null;
  peak_memory_mb: number | null;
  /** The longest main-thread task while the files loaded in the browser. */
  ingest_longest_task_ms: number | null;
  /** The renderer's peak resident set as the load ended (peak_memory_mb is the whole run's, filters included). */
  ingest_peak_memory_mb: number | null;
  initial_js_gzip_kb: number;
  /** Fresh browser profile → first figure on the sample; a second visit → first figure. */
  cold_open_s: number | null;
  warm_open_s: number | null;
}

/** Pages whose charts wait only on metric queries; the Pilot page waits on the bootstrap, which has its own target. */
const CHART_PAGES = FILTER_PAGES.filter((p) => p !== 'Pilot outcomes');

const ms2s = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);
const bootstrapMs = (r: EngineRun) => r.queries_ms['Pilot outcomes']?.[BOOTSTRAP_QUERY]?.all;
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : a / b);
const sum = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a + b);

function worst(browser: BrowserRun | null, pick: (s: LatencyStats) => number | null): number | null {
  const values = CHART_PAGES.flatMap((p) => {
    const stats = browser?.filters[p];
    const v = stats ? pick(stats) : null;
    return v === null ? [] : [v];
  });
  return values.length === CHART_PAGES.length ? Math.max(...values) : null;
}

export function headline(run: SizeRun, bundle: BundleSize): Headline {
  const { browser, node, naive } = run;
  const naiveTotal = 'error' in naive ? null : naive.total_s;
  return {
    hires: run.rows.hires,
    ingest_s: browser?.ingest_s ?? null,
    overview_s: browser?.overview_s ?? null,
    filter_p95_ms: worst(browser, (s) => s.p95_ms),
    kpi_p95_ms: worst(browser, (s) => s.kpi_p95_ms),
    bootstrap_s: ms2s(bootstrapMs(node.wasm_node)),
    ratio_native_1t: ratio(node.wasm_node.results_s, node.native_1t.results_s),
    ratio_naive: ratio(naiveTotal, sum(browser?.ingest_s, browser?.overview_s)),
    limit_read_s: run.limit_read_s,
    ratio_limit: ratio(browser?.ingest_s, run.limit_read_s),
    peak_memory_mb: browser?.memory.renderer_peak_rss_mb ?? null,
    ingest_longest_task_ms: browser?.ingest_longest_task_ms ?? null,
    ingest_peak_memory_mb: browser?.memory.at_ingest?.renderer_peak_rss_mb ?? null,
    initial_js_gzip_kb: bundle.index_js_gzip_kb,
    cold_open_s: browser?.cold_open_s ?? null,
    warm_open_s: browser?.warm_open_s ?? null,
  };
}

/** Start-up step by step, from the app's marks: "engine code 0.8 s → engine instantiated 4.5 s → …". */
export function startupSteps(steps: Record<string, number> | undefined): string {
  if (!steps) return '—';
  return Object.entries(steps)
    .sort(([, a], [, b]) => a - b)
    .map(([step, ms]) => `${step.replace(/-/g, ' ')} ${fmt(ms / 1000, 1)} s`)
    .join(' → ');
}

export interface Target {
  name: string;
  key: keyof Headline;
  limit: number;
  /** 'max': met when value ≤ limit; 'min': met when value ≥ limit. */
  kind: 'max' | 'min';
  unit: string;
  /** Where the time went, from the same run's figures; printed when the target is missed. */
  explain?: (run: SizeRun) => string;
}

/** The chart page with the slowest p95 (`pick`), and its queries' engine time in Node: unfiltered / one industry, wasm and native one thread. */
function worstPage(run: SizeRun, pick: (s: LatencyStats) => number | null): string {
  const slowest = [...CHART_PAGES].sort(
    (a, b) => (pick(run.browser?.filters[b] ?? ({} as LatencyStats)) ?? 0) - (pick(run.browser?.filters[a] ?? ({} as LatencyStats)) ?? 0),
  )[0];
  if (!slowest) return '';
  const engineMs = (r: EngineRun, which: 'all' | 'one_industry') =>
    Object.values(r.queries_ms[slowest] ?? {}).reduce((total, t) => total + t[which], 0);
  const { wasm_node: w, native_1t: n1 } = run.node;
  const others = CHART_PAGES.filter((p) => p !== slowest)
    .map((p) => `${p} ${fmt(pick(run.browser?.filters[p] ?? ({} as LatencyStats)), 0)}`)
    .join(', ');
  return `${slowest}: its queries alone take ${fmt(engineMs(w, 'all'), 0)} ms unfiltered / ${fmt(engineMs(w, 'one_industry'), 0)} ms for one industry on wasm, ${fmt(engineMs(n1, 'all'), 0)} / ${fmt(engineMs(n1, 'one_industry'), 0)} ms on native DuckDB (1 thread); the other pages: ${others} ms`;
}

const stepMs = (r: EngineRun, step: string) => r.ingest_steps.filter((s) => s.step === step).reduce((total, s) => total + s.ms, 0);

export const TARGETS_AT_1M: readonly Target[] = [
  {
    name: 'ingest incl. validation',
    key: 'ingest_s',
    limit: 6,
    kind: 'max',
    unit: 's',
    explain: ({ node: { wasm_node: w, native_1t: n1, native_all: na } }) =>
      `the same ingest SQL in Node: wasm ${fmt(w.ingest_s)} s, native DuckDB ${fmt(n1.ingest_s)} s (1 thread), ${fmt(na.ingest_s)} s (all); on wasm reading is ${fmt(ms2s(stepMs(w, STEP.stage)))} s, typing and checking every value ${fmt(ms2s(stepMs(w, STEP.checked) + stepMs(w, STEP.dates)))} s, saving ${fmt(ms2s(stepMs(w, STEP.insert)))} s`,
  },
  { name: 'overview complete after ingest', key: 'overview_s', limit: 1.5, kind: 'max', unit: 's' },
  {
    name: 'filter → every visible chart updated, p95',
    key: 'filter_p95_ms',
    limit: 250,
    kind: 'max',
    unit: 'ms',
    explain: (run) => `worst page ${worstPage(run, (s) => s.p95_ms)}`,
  },
  {
    name: 'filter → first figure card (KPI), p95',
    key: 'kpi_p95_ms',
    limit: 50,
    kind: 'max',
    unit: 'ms',
    explain: (run) => `worst page ${worstPage(run, (s) => s.kpi_p95_ms)}`,
  },
  { name: 'DiD bootstrap (499 replicates)', key: 'bootstrap_s', limit: 5, kind: 'max', unit: 's' },
  { name: 'ours / native 1 thread (metric queries)', key: 'ratio_native_1t', limit: 3, kind: 'max', unit: '×' },
  {
    name: 'naive / ours (ingest + overview)',
    key: 'ratio_naive',
    limit: 10,
    kind: 'min',
    unit: '×',
    explain: ({ naive, node: { wasm_node: w } }) =>
      'error' in naive
        ? `the naive path failed: ${naive.error}`
        : `the naive path parses (${fmt(naive.parse_s)} s) and computes (${fmt(naive.compute_s)} s) without checking any value; ours types and checks every value and rejects bad rows (${fmt(ms2s(stepMs(w, STEP.checked) + stepMs(w, STEP.dates)))} s of the wasm ingest)`,
  },
  { name: 'initial JS: index-*.js (gzip)', key: 'initial_js_gzip_kb', limit: 300, kind: 'max', unit: 'KB' },
  {
    name: 'first visit → first figure',
    key: 'cold_open_s',
    limit: 3,
    kind: 'max',
    unit: 's',
    explain: ({ browser }) => `start-up: ${startupSteps(browser?.startup_steps?.cold)}`,
  },
  {
    name: 'second visit → first figure',
    key: 'warm_open_s',
    limit: 1.5,
    kind: 'max',
    unit: 's',
    explain: ({ browser }) => `start-up: ${startupSteps(browser?.startup_steps?.warm)}`,
  },
];

export interface TargetCheck {
  target: string;
  limit: string;
  value: number | null;
  met: boolean | null;
  /** For a missed target, where the time went. */
  why: string | null;
}

export function checkTargets(run: SizeRun, bundle: BundleSize): TargetCheck[] {
  const h = headline(run, bundle);
  return TARGETS_AT_1M.map((t) => {
    const value = h[t.key];
    const met = value === null ? null : t.kind === 'max' ? value <= t.limit : value >= t.limit;
    return {
      target: t.name,
      limit: `${t.kind === 'max' ? '≤' : '≥'} ${t.limit} ${t.unit}`,
      value,
      met,
      why: met === false ? (t.explain?.(run) ?? null) : null,
    };
  });
}

// ───────────────────────────── Markdown ─────────────────────────────

const fmt = (v: number | null | undefined, digits = 2) => (v == null || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const label = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : `${+(n / 1e3).toFixed(0)}k`);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

function sizeTable(runs: readonly SizeRun[], bundle: BundleSize): string {
  const row = (name: string, value: (r: SizeRun) => string) => [name, ...runs.map(value)];
  const page = (p: (typeof FILTER_PAGES)[number], pick: (s: LatencyStats) => number | null) => (r: SizeRun) =>
    fmt(r.browser?.filters[p] ? pick(r.browser.filters[p]) : null, 0);
  const n = (r: SizeRun) => r.node;
  const naiveS = (r: SizeRun) => ('error' in r.naive ? null : r.naive.total_s);
  const rows = [
    row(
      'hires / employers / enrollments',
      (r) =>
        `${r.rows.hires.toLocaleString('en-US')} / ${r.rows.employers.toLocaleString('en-US')} / ${r.rows.training.toLocaleString('en-US')}`,
    ),
    row('CSV size, MB (generation s)', (r) => `${fmt(r.csv_mb, 0)} (${fmt(r.generate_s, 1)})`),
    row(
      '**browser** page open → first figure, s (first visit / second)',
      (r) => `${fmt(r.browser?.cold_open_s)} / ${fmt(r.browser?.warm_open_s)}`,
    ),
    row(
      'page open → overview with the engine’s figures on the sample, s (first / second)',
      (r) => `${fmt(r.browser?.startup_overview_s)} / ${fmt(r.browser?.startup_overview_warm_s)}`,
    ),
    row('browser ingest incl. validation, s', (r) => fmt(r.browser?.ingest_s)),
    row('browser ingest, rows/s', (r) =>
      r.browser?.ingest_rows_per_s ? Math.round(r.browser.ingest_rows_per_s).toLocaleString('en-US') : '—',
    ),
    row('browser ingest, longest main-thread task, ms', (r) => fmt(r.browser?.ingest_longest_task_ms, 0)),
    row('memory as the load ends: renderer peak RSS / DuckDB wasm / page JS heap peak, MB', (r) => {
      const m = r.browser?.memory.at_ingest;
      return `${fmt(m?.renderer_peak_rss_mb, 0)} / ${fmt(m?.worker?.wasm_mb, 0)} / ${fmt(m?.page_js_heap_peak_mb, 0)}`;
    }),
    row('browser overview complete after ingest, s', (r) => fmt(r.browser?.overview_s)),
    ...FILTER_PAGES.map((p) =>
      row(`filter → all updated, ${p}: p50 / p95 ms`, (r) => `${page(p, (s) => s.p50_ms)(r)} / ${page(p, (s) => s.p95_ms)(r)}`),
    ),
    ...FILTER_PAGES.map((p) =>
      row(
        `filter → first figure card, ${p}: p50 / p95 ms`,
        (r) => `${page(p, (s) => s.kpi_p50_ms)(r)} / ${page(p, (s) => s.kpi_p95_ms)(r)}`,
      ),
    ),
    ...FILTER_PAGES.map((p) =>
      row(
        `longest main-thread task during a filter update, ${p}: ms`,
        page(p, (s) => s.longest_task_ms),
      ),
    ),
    row('page JS heap peak, MB', (r) => fmt(r.browser?.memory.page_js_heap_peak_mb, 0)),
    row(
      'DuckDB worker: wasm memory / JS heap, MB',
      (r) => `${fmt(r.browser?.memory.worker?.wasm_mb, 0)} / ${fmt(r.browser?.memory.worker?.js_heap_mb, 0)}`,
    ),
    row('renderer process peak RSS (VmHWM), MB', (r) => fmt(r.browser?.memory.renderer_peak_rss_mb, 0)),
    row(
      '**Node** ingest, s: wasm / native 1t / native all',
      (r) => `${fmt(n(r).wasm_node.ingest_s)} / ${fmt(n(r).native_1t.ingest_s)} / ${fmt(n(r).native_all.ingest_s)}`,
    ),
    row(
      'pre-aggregates, built in the background after ingest, s: wasm / native 1t / native all',
      (r) => `${fmt(n(r).wasm_node.aggregates_s)} / ${fmt(n(r).native_1t.aggregates_s)} / ${fmt(n(r).native_all.aggregates_s)}`,
    ),
    row(
      'metric queries (computeResults), s: wasm / native 1t / native all',
      (r) => `${fmt(n(r).wasm_node.results_s)} / ${fmt(n(r).native_1t.results_s)} / ${fmt(n(r).native_all.results_s)}`,
    ),
    row(
      'ratio wasm / native 1t; wasm / native all',
      (r) =>
        `${fmt(ratio(n(r).wasm_node.results_s, n(r).native_1t.results_s))}× ; ${fmt(ratio(n(r).wasm_node.results_s, n(r).native_all.results_s))}×`,
    ),
    row(
      'DiD bootstrap (pilot SQL alone), s: wasm / native 1t',
      (r) => `${fmt(ms2s(bootstrapMs(n(r).wasm_node)))} / ${fmt(ms2s(bootstrapMs(n(r).native_1t)))}`,
    ),
    row(
      'overview queries (computeOverview), s: wasm / native 1t',
      (r) => `${fmt(n(r).wasm_node.overview_s)} / ${fmt(n(r).native_1t.overview_s)}`,
    ),
    row('**naive** PapaParse + JS: parse + overview, s', (r) =>
      'error' in r.naive ? `failed: ${r.naive.error}` : `${fmt(r.naive.parse_s)} + ${fmt(r.naive.compute_s)} = ${fmt(r.naive.total_s)}`,
    ),
    row('naive figures equal the product’s', (r) =>
      'error' in r.naive ? '—' : r.naive.differences.length === 0 ? 'yes' : `no (${r.naive.differences.length})`,
    ),
    row(
      'ratio naive / ours, ingest + overview: browser; Node wasm',
      (r) =>
        `${fmt(headline(r, bundle).ratio_naive)}× ; ${fmt(ratio(naiveS(r), sum(n(r).wasm_node.ingest_s, n(r).wasm_node.overview_s)))}×`,
    ),
    row('outcome', (r) => r.outcome),
    row('wall time for this size, s', (r) => fmt(r.wall_s, 0)),
    row('machine load average (1 min) at start / end', (r) => `${fmt(r.load_average[0], 1)} / ${fmt(r.load_average[1], 1)}`),
  ];
  return table(['measure', ...runs.map((r) => label(r.target_hires))], rows);
}

function targetTable(checks: readonly TargetCheck[]): string {
  return table(
    ['target at 1M hires', 'limit', 'measured', '', 'why (missed targets)'],
    checks.map((c) => [c.target, c.limit, fmt(c.value), c.met === null ? 'not measured' : c.met ? 'met' : '**missed**', c.why ?? '']),
  );
}

/** Ingest time per step and file, wasm (Node) against native one thread. */
function ingestBreakdown(run: SizeRun): string {
  const key = (s: { file: string | null; step: string }) => `${s.file ?? '(all)'} · ${s.step}`;
  const totals = (r: EngineRun) => {
    const m = new Map<string, number>();
    for (const s of r.ingest_steps) m.set(key(s), (m.get(key(s)) ?? 0) + s.ms);
    return m;
  };
  const wasm = totals(run.node.wasm_node);
  const native = totals(run.node.native_1t);
  const rows = [...wasm.entries()]
    .filter(([, ms]) => ms >= 1)
    .map(([k, ms]) => [k, fmt(ms, 0), fmt(native.get(k), 0), fmt(ratio(ms, native.get(k)), 1)]);
  return table(['ingest step (file · step)', 'wasm ms', 'native 1t ms', 'ratio'], rows);
}

/** Each page's queries at this size, wasm against native, unfiltered and with one industry; a page's sum is its engine time per filter change. */
function queryBreakdown(run: SizeRun): string {
  const { wasm_node: w, native_1t: n1, native_all: na } = run.node;
  const rows: string[][] = [];
  for (const [page, queries] of Object.entries(w.queries_ms)) {
    const total = { all: 0, one: 0 };
    for (const [name, t] of Object.entries(queries)) {
      total.all += t.all;
      total.one += t.one_industry;
      const native = n1.queries_ms[page]?.[name];
      rows.push([
        `${page} · ${name}`,
        fmt(t.all, 0),
        fmt(t.one_industry, 0),
        fmt(native?.all, 0),
        fmt(native?.one_industry, 0),
        fmt(na.queries_ms[page]?.[name]?.all, 0),
      ]);
    }
    rows.push([`**${page}: sum**`, `**${fmt(total.all, 0)}**`, `**${fmt(total.one, 0)}**`, '', '', '']);
  }
  return table(['page · query', 'wasm ms', 'wasm ms, 1 industry', 'native 1t ms', 'native 1t, 1 industry', 'native all ms'], rows);
}

export function markdown(runs: readonly SizeRun[], bundle: BundleSize, checks: TargetCheck[] | null, breakdownRun: SizeRun | null): string {
  const parts = [
    '## Results by size\n',
    sizeTable(runs, bundle),
    `\nInitial JS: index-*.js ${fmt(bundle.index_js_gzip_kb, 1)} KB gzip; with the chunks index.html modulepreloads ${fmt(bundle.initial_scripts_gzip_kb, 1)} KB (${bundle.initial_files.join(', ')}); the engine's worker (${fmt(bundle.worker_js_gzip_kb, 0)} KB) and wasm (${fmt(bundle.wasm_gzip_kb, 0)} KB gzip) load after first paint.`,
  ];
  const steps = runs.find((r) => r.browser?.startup_steps)?.browser?.startup_steps;
  if (steps)
    parts.push(
      `\nStart-up, first visit: ${startupSteps(steps.cold)}.`,
      `Second visit: ${startupSteps(steps.warm)}. The first figure shows before the engine is ready: the sample's figures ship with the app, and each visit saves those on screen for the next (src/store/figure-snapshot.ts).`,
    );
  if (checks) parts.push('\n## Targets at 1M hires\n', targetTable(checks));
  if (breakdownRun) {
    parts.push(
      `\n## Where the time goes at ${label(breakdownRun.target_hires)} hires (Node, same SQL)\n`,
      ingestBreakdown(breakdownRun),
      '',
      queryBreakdown(breakdownRun),
    );
  }
  return parts.join('\n');
}
