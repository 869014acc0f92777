/**
 * Times each page's metric SQL in Node, on the browser's wasm engine, over the filter states the
 * browser bench walks through (industries toggled in Gray-code order), with the roll-ups built as the
 * app builds them: the sum of a page's queries per state, p50 and p95. To compare two versions of the
 * SQL, run it in each checkout on the same data, back to back.
 *
 * Run: npx tsx test/bench/filter-states-bench.ts --data DIR [--states 20] [--built false]
 * (DIR holds employers.csv, hires.csv and training.csv, e.g. from `npm run sample-data -- --hires 1000000 --out DIR`,
 * or contribution files, e.g. those `npm run bench:pool -- --files DIR` keeps: then the pages read the pool.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContributions } from '../../src/contribution/load';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { baselineSql } from '../../src/business-case/baseline';
import { pilotDidSql, readPilotDid } from '../../src/metrics/did';
import { lerSharePostSql, type DidOutcome } from '../../src/metrics/did-cells';
import { retentionAdjustedSql } from '../../src/metrics/retention-adjusted';
import type { Filters } from '../../src/metrics/filters';
import * as hiring from '../../src/metrics/hiring';
import { overviewSql } from '../../src/metrics/overview';
import * as retention from '../../src/metrics/retention';
import { DEFAULT_K, LATEST_DATE_SQL, type MetricSettings } from '../../src/metrics/settings';
import { POOL_LATEST_SQL } from '../../src/metrics/sources/pool';
import { upskillingSql } from '../../src/metrics/upskilling-sql';
import { buildAggregates } from '../support/engine';

const { values } = parseArgs({
  options: { data: { type: 'string' }, states: { type: 'string', default: '20' }, built: { type: 'string', default: 'true' } },
});
if (!values.data) throw new Error('--data DIR is required (a folder with employers.csv, hires.csv and training.csv)');
const statesPerPage = Number(values.states);

const engine = await createNodeEngine();
const dir = values.data;
const contributions = readdirSync(dir).filter((f) => /\.json(\.gz)?$/.test(f));
if (contributions.length > 0)
  await loadContributions(
    engine,
    contributions.map((f) => new File([readFileSync(path.join(dir, f))], f)),
  );
else
  await ingestFiles(
    engine,
    ['employers.csv', 'hires.csv', 'training.csv'].map((f) => new File([readFileSync(path.join(dir, f))], f)),
  );
const [latest] = await engine.query<{ latest: string }>(contributions.length > 0 ? POOL_LATEST_SQL : LATEST_DATE_SQL);
const asOf = latest?.latest ?? '';
if (values.built === 'true') await buildAggregates(engine, asOf);
const settings: MetricSettings = {
  asOf,
  k: DEFAULT_K,
  aggregatesAsOf: values.built === 'true' ? asOf : null,
  ...(contributions.length > 0 ? { sources: { rows: false, contributions: true } } : {}),
};
const industries = (
  await engine.query<{ v: string }>(
    `SELECT DISTINCT industry AS v FROM ${contributions.length > 0 ? 'pool_employers' : 'employers'} ORDER BY 1`,
  )
).map((r) => r.v);

/** The k-th state toggles industry ctz(k), as the browser bench does. */
const chosen = new Set<number>();
const nextState = (k: number): Filters => {
  const toggled = Math.log2(k & -k);
  if (chosen.has(toggled)) chosen.delete(toggled);
  else chosen.add(toggled);
  return { industry: [...chosen].flatMap((i) => industries[i] ?? []) };
};

/** The DiD queries give the bootstrap's inputs; readPilotDid computes the estimates from them, as the pages do. */
const didQueries = new Set<string>();
const did = (f: Filters, outcome: DidOutcome) => {
  const sql = pilotDidSql(f, settings, outcome);
  didQueries.add(sql);
  return sql;
};

const PAGES: Record<string, (f: Filters) => string[]> = {
  // The answers (the raw group figures are computed only when opened).
  Overview: (f) => [
    did(f, 'time_to_fill_days'),
    lerSharePostSql(f, settings),
    did(f, 'retained_365'),
    lerSharePostSql(f, settings, 'retained_365'),
    retentionAdjustedSql(f, settings),
    upskillingSql(f, settings, 'headline'),
    baselineSql(f, settings),
    overviewSql(f, settings).adoption,
  ],
  Hiring: (f) => [
    hiring.distributionSql(f, settings, 'time_to_fill'),
    hiring.costPerHireSql(f, settings),
    hiring.noDegreeShareSql(f, settings),
    hiring.durationHistogramSql(f, settings, 'time_to_fill'),
    hiring.durationHistogramSql(f, settings, 'time_to_hire'),
    hiring.timeToFillByQuarterSql(f, settings),
    hiring.timeToFillByOccupationSql(f, settings),
  ],
  Retention: (f) => [
    retention.retentionSql(f, settings),
    retention.retentionLogRankSql(f, settings),
    retention.retentionCurveSql(f, settings),
    retention.atRiskSql(f, settings, [0, 90, 180, 365, 730, 1095]),
    retentionAdjustedSql(f, settings),
  ],
  Upskilling: (f) => [upskillingSql(f, settings)],
  'Pilot outcomes': (f) => [did(f, 'time_to_fill_days'), did(f, 'retained_365')],
};

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))] ?? NaN;
let k = 0;
console.log('| page | p50 ms | p95 ms |\n| --- | ---: | ---: |');
for (const [page, sqlOf] of Object.entries(PAGES)) {
  const times: number[] = [];
  for (let i = 0; i < statesPerPage; i++) {
    const queries = sqlOf(nextState(++k));
    const start = performance.now();
    for (const sql of queries) {
      const rows = await engine.query(sql);
      if (didQueries.has(sql)) readPilotDid(rows, DEFAULT_K);
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${page} | ${at(times, 0.5).toFixed(0)} | ${at(times, 0.95).toFixed(0)} |`);
}
await engine.close();
