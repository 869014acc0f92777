/**
 * Times every metric for one filter state on the sample data, in Node on the same wasm engine the
 * browser runs: each query alone, and computeResults as a whole (bootstrap included).
 * Run: npm run bench [-- --runs N]
 */
import { parseArgs } from 'node:util';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { pilotDidSql, readPilotDid } from '../../src/metrics/did';
import { costPerHireSql, distributionSql } from '../../src/metrics/hiring';
import { computeResults, countsSql } from '../../src/metrics/results';
import { retentionLogRankSql, retentionSql } from '../../src/metrics/retention';
import { LATEST_DATE_SQL, DEFAULT_K } from '../../src/metrics/settings';
import { upskillingSql } from '../../src/metrics/upskilling-sql';
import { fileFrom, SAMPLE_FILES } from '../support/files';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function time(task: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times;
}

const engine = await createNodeEngine();
const loadStart = performance.now();
const reports = await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
const loadMs = performance.now() - loadStart;
const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
const settings = { asOf: latest?.latest ?? '', k: DEFAULT_K };
const filters = {};

const didSql = pilotDidSql(filters, settings);
const queries: [string, string][] = [
  ['counts', countsSql(filters, settings)],
  ['time_to_fill', distributionSql(filters, settings, 'time_to_fill')],
  ['time_to_hire', distributionSql(filters, settings, 'time_to_hire')],
  ['cost_per_hire', costPerHireSql(filters, settings)],
  ['retention (KM)', retentionSql(filters, settings)],
  ['retention (log-rank)', retentionLogRankSql(filters, settings)],
  ['pilot_did (499 bootstrap replicates)', didSql],
  ['upskilling', upskillingSql(filters, settings)],
];

console.log(`Sample data: ${reports.map((r) => `${r.rowsLoaded} ${r.kind}`).join(', ')}; ingest ${(loadMs / 1000).toFixed(2)} s`);
console.log(`Median of ${runs} runs, Node ${process.version}, DuckDB ${await engine.version()} (wasm, 1 thread)\n`);
console.log('| metric | median ms | max ms |\n|---|---:|---:|');
for (const [name, sql] of queries) {
  // The DiD's query gives the bootstrap's inputs; readPilotDid computes the estimates from them.
  const times = await time(async () => (sql === didSql ? readPilotDid(await engine.query(sql), DEFAULT_K) : engine.query(sql)));
  console.log(`| ${name} | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
}
const whole = await time(() => computeResults((sql) => engine.query(sql), filters, settings));
console.log(`| **all metrics (computeResults)** | **${median(whole).toFixed(1)}** | ${Math.max(...whole).toFixed(1)} |`);
