/**
 * Issue #14, the scale part: a pilot of 500 employers. The bench data (the sample generator, scaled)
 * is cut by employer, and each employer's rows make that employer's contribution file through the
 * app's own ingest and buildContribution, as `npm run contribute` would; the production app in
 * headless Chromium then pools all the files at once and answers filter changes on every page.
 *
 * Run: npm run bench:pool -- [--employers 500] [--k 10] [--changes 20] [--files DIR] [--out results.json]
 * (--files keeps the contribution files there and reuses them when it already holds them all.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildContribution } from '../../src/contribution/build';
import type { Contribution } from '../../src/contribution/document';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import { LATEST_DATE_SQL } from '../../src/metrics/settings';
import { SAMPLE } from '../support/files';
import {
  DATA_SECTION,
  FILTER_PAGES,
  filterLatency,
  goTo,
  openInstrumented,
  settle,
  startApp,
  TIMEOUTS,
  watched,
  type FilterPage,
  type LatencyStats,
} from './browser-bench';
import { countCsvRows, generateData } from './generate';
import { heapPeak } from './in-page';
import { rendererPeakRssMb } from './memory';

const { values } = parseArgs({
  options: {
    employers: { type: 'string', default: '500' },
    k: { type: 'string', default: '10' },
    changes: { type: 'string', default: '20' },
    files: { type: 'string' },
    out: { type: 'string' },
  },
});
const EMPLOYERS = Number(values.employers);
const K = Number(values.k);
const PILOT_CODE = 'pool bench pilot';
const TARGETS = { load_s: 10, filter_p95_ms: 250 };
const CSV = ['employers.csv', 'hires.csv', 'training.csv'] as const;

const log = (message: string) => console.error(`[pool bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Csv {
  header: string;
  byEmployer: Map<string, string[]>;
}

/** A CSV's lines grouped by their employer_id, in the file's order. */
function byEmployer(file: string): Csv {
  const [header = '', ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const column = header.split(',').indexOf('employer_id');
  if (column < 0) throw new Error(`${file} has no employer_id column`);
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    const id = line.split(',')[column] ?? '';
    const group = groups.get(id);
    if (group) group.push(line);
    else groups.set(id, [line]);
  }
  return { header, byEmployer: groups };
}

const fileName = (i: number) => `employer-${String(i + 1).padStart(4, '0')}.json`;

interface Made {
  data: { hires: number; employers: number; training: number; csv_mb: number };
  as_of: string;
  build_ms_median: number;
  withheld_persons: number;
}

/** Generates the bench data and writes one contribution file per employer (the first EMPLOYERS of employers.csv). */
async function makeContributions(dir: string): Promise<Made> {
  const sample = await countCsvRows(SAMPLE);
  const copies = Math.ceil(EMPLOYERS / sample.employers);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ler-pool-bench-data-'));
  try {
    log(`generating ${copies} copies of the sample's ${sample.employers} employers into ${dataDir}`);
    const generated = await generateData(copies * sample.hires, dataDir);
    const engine = await createNodeEngine();
    await ingestFiles(
      engine,
      CSV.map((n) => new File([readFileSync(path.join(dataDir, n))], n)),
    );
    const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
    // One as-of for every file, as a pilot would agree on: the latest date in the whole data.
    const asOf = latest?.latest ?? '';
    const tables = CSV.map((n) => byEmployer(path.join(dataDir, n)));
    const ids = [...(tables[0]?.byEmployer.keys() ?? [])].slice(0, EMPLOYERS);
    if (ids.length < EMPLOYERS) throw new Error(`the data has ${ids.length} employers, fewer than ${EMPLOYERS}`);
    const times: number[] = [];
    let withheld = 0;
    for (const [i, id] of ids.entries()) {
      await clearDataset(engine);
      await ingestFiles(
        engine,
        CSV.map((n, t) => new File([[tables[t]?.header ?? '', ...(tables[t]?.byEmployer.get(id) ?? [])].join('\n') + '\n'], n)),
      );
      const started = performance.now();
      const { document } = await buildContribution(engine, { asOf, k: K, pilotCode: PILOT_CODE, producer: 'LER Outcomes pool bench' });
      times.push(performance.now() - started);
      withheld += Object.values(document.withheld).reduce((a, b) => a + b, 0);
      writeFileSync(path.join(dir, fileName(i)), JSON.stringify(document));
      if ((i + 1) % 50 === 0) log(`  ${i + 1} of ${EMPLOYERS} contributions written`);
    }
    times.sort((a, b) => a - b);
    return {
      data: { ...generated.rows, csv_mb: generated.csv_mb },
      as_of: asOf,
      build_ms_median: times[Math.floor(times.length / 2)] ?? 0,
      withheld_persons: withheld,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function fileSizes(files: readonly string[]) {
  const bytes = files.map((f) => statSync(f).size).sort((a, b) => a - b);
  const mb = (n: number) => n / (1024 * 1024);
  return {
    files: files.length,
    total_mb: mb(bytes.reduce((a, b) => a + b, 0)),
    gzip_total_mb: mb(files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0)),
    median_kb: (bytes[Math.floor(bytes.length / 2)] ?? 0) / 1024,
    max_kb: (bytes.at(-1) ?? 0) / 1024,
  };
}

interface BrowserPool {
  load_s: number | null;
  load_failure: string | null;
  filters: Partial<Record<FilterPage, LatencyStats>>;
  page_js_heap_peak_mb: number;
  renderer_peak_rss_mb: number | null;
  page_errors: string[];
}

/** Clears the sample, gives the file input every contribution at once, and times it to the header's "Pooled from N contributions" with the page settled (the save in this browser shows a spinner until it ends). */
async function measurePool(url: string, files: readonly string[], employers: number): Promise<BrowserPool> {
  const { session } = await openInstrumented(url);
  const { page } = session;
  page.setDefaultTimeout(TIMEOUTS.settle);
  const run: BrowserPool = {
    load_s: null,
    load_failure: null,
    filters: {},
    page_js_heap_peak_mb: 0,
    renderer_peak_rss_mb: null,
    page_errors: session.errors,
  };
  try {
    await page.goto(url);
    await goTo(page, 'Data');
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await page.locator(`${DATA_SECTION} .section-head p`, { hasText: /^0 employers · 0 hires/ }).waitFor();
    await settle(page);
    const loaded = await watched(
      page,
      {
        startEvent: 'change',
        until: {
          kind: 'text',
          selector: 'p.pooled',
          contains: `Pooled from ${files.length} contributions, ${employers.toLocaleString('en-US')} employers`,
          failSelector: `${DATA_SECTION} [role="alert"], ${DATA_SECTION} tr.failed`,
        },
        timeoutMs: TIMEOUTS.ingest,
      },
      () => page.getByLabel('CSV files to load').setInputFiles([...files]),
    );
    run.load_failure = loaded.failure ?? (loaded.timedOut ? `no result within ${TIMEOUTS.ingest / 1000} s` : null);
    if (run.load_failure === null && loaded.ms !== null) {
      run.load_s = loaded.ms / 1000;
      const counter = { k: 0 };
      for (const name of FILTER_PAGES) {
        run.filters[name] = await filterLatency(page, name, Number(values.changes), counter);
        log(`  ${name}: p95 ${run.filters[name]?.p95_ms?.toFixed(0) ?? '—'} ms`);
      }
    }
  } catch (err) {
    run.page_errors.push(`bench: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  } finally {
    run.renderer_peak_rss_mb = rendererPeakRssMb();
    run.page_js_heap_peak_mb = (await page.evaluate(heapPeak).catch(() => 0)) / (1024 * 1024);
    await session.close();
  }
  return run;
}

const ms = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(0));

async function main(): Promise<void> {
  const dir = values.files ? path.resolve(values.files) : mkdtempSync(path.join(os.tmpdir(), 'ler-pool-bench-files-'));
  mkdirSync(dir, { recursive: true });
  const files = () => readdirSync(dir).filter((f) => /^employer-\d+\.json$/.test(f));
  let made: Made | null = null;
  if (files().length === EMPLOYERS && existsSync(path.join(dir, fileName(EMPLOYERS - 1)))) log(`reusing the ${EMPLOYERS} files in ${dir}`);
  else {
    for (const f of files()) rmSync(path.join(dir, f));
    made = await makeContributions(dir);
  }
  const paths = files()
    .sort()
    .map((f) => path.join(dir, f));
  const docs = paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as Contribution);
  const employers = docs.reduce((n, d) => n + d.employers.length, 0);
  const sizes = fileSizes(paths);
  log(`${sizes.files} files, ${sizes.total_mb.toFixed(1)} MB (${sizes.gzip_total_mb.toFixed(1)} MB gzipped); browser`);
  const app = await startApp();
  let browser: BrowserPool;
  try {
    browser = await measurePool(app.url, paths, employers);
  } finally {
    await app.close();
    if (!values.files) rmSync(dir, { recursive: true, force: true });
  }
  const pageP95 = FILTER_PAGES.map((p) => browser.filters[p]?.p95_ms ?? null);
  const worst = pageP95.every((p) => p !== null) ? Math.max(...(pageP95 as number[])) : null;
  const result = {
    schema: 'ler-outcomes/pool-bench@1',
    measured_at: new Date().toISOString(),
    contributions: { employers, k: K, as_of: docs[0]?.as_of ?? null, ...sizes },
    made,
    browser,
    targets: {
      load_s: { target: TARGETS.load_s, measured: browser.load_s, met: browser.load_s !== null && browser.load_s <= TARGETS.load_s },
      filter_p95_ms: { target: TARGETS.filter_p95_ms, measured: worst, met: worst !== null && worst <= TARGETS.filter_p95_ms },
    },
  };
  console.log(
    [
      `## Pooled pilot: ${sizes.files} contribution files, ${employers} employers, k = ${K}`,
      '',
      `Files: ${sizes.total_mb.toFixed(1)} MB in all (${sizes.gzip_total_mb.toFixed(1)} MB gzipped), median ${sizes.median_kb.toFixed(0)} KB, largest ${sizes.max_kb.toFixed(0)} KB.`,
      made
        ? `Made from ${made.data.hires.toLocaleString('en-US')} hires of ${made.data.employers} generated employers (first ${EMPLOYERS} kept), as of ${made.as_of}; median build ${made.build_ms_median.toFixed(0)} ms per employer; ${made.withheld_persons} persons withheld in all.`
        : 'Files reused from an earlier run.',
      '',
      `Load in the browser (all files at once, change event → header "Pooled from…", everything settled and saved in this browser): ${browser.load_s?.toFixed(2) ?? browser.load_failure ?? '—'} s (target ≤ ${TARGETS.load_s} s).`,
      '',
      '| Page | changes | p50 ms | p95 ms | max ms | longest task ms |',
      '|---|---|---|---|---|---|',
      ...FILTER_PAGES.map((p) => {
        const s = browser.filters[p];
        return `| ${p} | ${s?.changes ?? 0} | ${ms(s?.p50_ms)} | ${ms(s?.p95_ms)} | ${ms(s?.max_ms)} | ${ms(s?.longest_task_ms)} |`;
      }),
      '',
      `Worst page p95: ${ms(worst)} ms (target ≤ ${TARGETS.filter_p95_ms} ms). Renderer peak RSS ${ms(browser.renderer_peak_rss_mb)} MB, page JS heap peak ${ms(browser.page_js_heap_peak_mb)} MB.`,
      browser.page_errors.length > 0 ? `\nPage errors: ${browser.page_errors.join('; ')}` : '',
    ].join('\n'),
  );
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
}

await main();
