import { beforeAll, describe, expect, it } from 'vitest';
import { buildContribution } from '../../src/contribution/build';
import { poolContribution } from '../../src/contribution/load';
import { readContribution } from '../../src/contribution/read';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { didCellsSql, lerSharePostSql } from '../../src/metrics/did-cells';
import type { Filters } from '../../src/metrics/filters';
import {
  costPerHireSql,
  distributionSql,
  durationHistogramSql,
  noDegreeShareSql,
  timeToFillByOccupationSql,
  timeToFillByQuarterSql,
} from '../../src/metrics/hiring';
import { adoptionSql, trainingSummarySql } from '../../src/metrics/overview';
import { countsSql } from '../../src/metrics/results';
import { retentionAdjustedSql } from '../../src/metrics/retention-adjusted';
import { atRiskSql, retentionCurveSql, retentionLogRankSql, retentionSql } from '../../src/metrics/retention';
import { DEFAULT_K, LATEST_DATE_SQL, type MetricSettings } from '../../src/metrics/settings';
import { POOLED_TRAINEES_ROLLUPS } from '../../src/metrics/sources/pool';
import { hireCountsSql } from '../../src/metrics/sources/read-counts';
import { servingRollup } from '../../src/metrics/sources/rollups';
import { upskillingSql } from '../../src/metrics/upskilling-sql';
import { buildAggregates, freshEngine } from '../support/engine';
import { fileFrom, SAMPLE_FILES } from '../support/files';

/** The count tables built for the as-of date must give exactly the rows summed on the fly give, for every metric and filter state. */
let engine: Engine;
let asOf: string;
let industries: string[];
let occupations: string[];

beforeAll(async () => {
  engine = await freshEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  asOf = latest?.latest ?? '';
  await buildAggregates(engine, asOf);
  industries = (
    await engine.query<{ v: string }>('SELECT DISTINCT industry AS v FROM employers WHERE industry IS NOT NULL ORDER BY 1')
  ).map((r) => r.v);
  occupations = (
    await engine.query<{ v: string }>('SELECT DISTINCT occupation AS v FROM hires WHERE occupation IS NOT NULL ORDER BY 1')
  ).map((r) => r.v);
});

type Metric = [string, (f: Filters, s: MetricSettings) => string];
const METRICS: Metric[] = [
  ['time-to-fill distribution', (f, s) => distributionSql(f, s, 'time_to_fill')],
  ['time-to-hire distribution', (f, s) => distributionSql(f, s, 'time_to_hire')],
  ['time-to-fill histogram', (f, s) => durationHistogramSql(f, s, 'time_to_fill')],
  ['time-to-hire histogram', (f, s) => durationHistogramSql(f, s, 'time_to_hire')],
  ['time-to-fill by quarter', timeToFillByQuarterSql],
  ['time-to-fill by occupation', timeToFillByOccupationSql],
  ['no-degree share', noDegreeShareSql],
  ['cost per hire', costPerHireSql],
  ['retention', (f, s) => retentionSql(f, s)],
  ['retention, voluntary', (f, s) => retentionSql(f, s, 'voluntary')],
  ['log-rank', (f, s) => retentionLogRankSql(f, s)],
  ['log-rank, voluntary', (f, s) => retentionLogRankSql(f, s, 'voluntary')],
  ['KM curve', (f, s) => retentionCurveSql(f, s)],
  ['KM curve, voluntary', (f, s) => retentionCurveSql(f, s, 'voluntary')],
  ['at risk', (f, s) => atRiskSql(f, s, [0, 90, 180, 365, 730, 1095])],
  ['adoption', adoptionSql],
  ['training', trainingSummarySql],
  ['counts', countsSql],
  ['DiD cells', didCellsSql],
  ['DiD cells, retention', (f, s) => didCellsSql(f, s, 'retained_365')],
  ['LER share post, retention', (f, s) => lerSharePostSql(f, s, 'retained_365')],
  ['retention, within employers', retentionAdjustedSql],
  ['upskilling', upskillingSql],
];

const filterStates = (): [string, Filters][] => [
  ['no filters', {}],
  ['one industry', { industry: industries.slice(0, 1) }],
  ['two industries', { industry: industries.slice(1, 3) }],
  ['an occupation', { occupation: occupations.slice(0, 1) }],
  ['industry and occupations', { industry: industries.slice(0, 2), occupation: occupations.slice(1, 4) }],
  ['whole quarters', { period: { from: '2023-04-01', to: '2024-09-30' } }],
  ['a region', { region: ['TN', 'NC'] }],
  ['days inside quarters', { period: { from: '2023-04-02', to: '2024-09-29' } }],
  ['nothing matches', { industry: ['no such industry'] }],
];

/** Rows in a stable order: GROUP BY ALL leaves it to the engine. */
const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

/**
 * Runs every metric in every filter state with the built tables and without, expects the same rows, and
 * returns how many metric and filter pairs read a table named with the prefix.
 */
async function expectBuiltEqualsUnbuilt(db: Engine, states: [string, Filters][], unbuilt: MetricSettings, prefix: string): Promise<number> {
  let read = 0;
  const built = { ...unbuilt, aggregatesAsOf: unbuilt.asOf };
  for (const [state, filters] of states)
    for (const [name, sql] of METRICS) {
      const viaBuilt = sql(filters, built);
      if (viaBuilt.includes(prefix)) read++;
      expect(sorted(await db.query(viaBuilt)), `${name}, ${state}`).toEqual(sorted(await db.query(sql(filters, unbuilt))));
    }
  return read;
}

describe('the count tables built for the as-of date', () => {
  it('give the same rows as summing the rows on the fly, for every metric and filter state', async () => {
    const read = await expectBuiltEqualsUnbuilt(engine, filterStates(), { asOf, k: DEFAULT_K }, '__ler_agg_');
    // Most metric and filter pairs read a built table: the comparison above is not all on the rows.
    expect(read).toBeGreaterThan(100);
  });

  it('are read for the filters they keep and the keys they have, and never for sums of money', () => {
    const built = { asOf: '2025-06-30', k: DEFAULT_K, aggregatesAsOf: '2025-06-30' };
    expect(servingRollup('rows', 'fill', { industry: ['Retail'], occupation: ['Sales'], region: [] }, ['grp'])?.keys).toEqual([
      'industry',
      'occupation',
      'grp',
    ]);
    expect(servingRollup('rows', 'fill', { period: { from: '2024-01-01', to: '2024-06-30' } }, ['grp'])?.keys).toContain('q');
    expect(servingRollup('rows', 'fill', { period: { from: '2024-01-02' } }, ['grp'])).toBeNull();
    expect(servingRollup('rows', 'fill', {}, ['employer_id', 'q'])).toBeNull();
    expect(servingRollup('rows', 'tenure', { region: ['CA'] }, ['grp'])).toBeNull();
    expect(servingRollup('rows', 'comparison', { region: ['CA'], size_band: ['1-49'] }, ['employer_id'])?.keys).toContain('employer_id');
    expect(hireCountsSql('fill', {}, { ...built, aggregatesAsOf: '2025-12-31' }, ['grp'])).not.toContain('__ler_agg_');
    expect(hireCountsSql('fill', {}, { asOf: '2025-06-30', k: DEFAULT_K }, ['grp'])).not.toContain('__ler_agg_');
    expect(hireCountsSql('fill', { employer_id: ['E1'] }, built, ['grp'])).not.toContain('__ler_agg_');
    // Sums of non-integer amounts round differently in another order: they always come from the rows.
    expect(hireCountsSql('hiringCosts', {}, built, ['grp'])).not.toContain('__ler_agg_');
    expect(hireCountsSql('fill', {}, built, ['grp'])).toContain('__ler_agg_fill_by_industry_occupation_grp ');
  });

  it('give the headline upskilling figures (no programs) exactly as every subset gives them', async () => {
    const settings = { asOf, k: DEFAULT_K, aggregatesAsOf: asOf };
    for (const filters of [{}, { industry: industries.slice(0, 2) }, { occupation: occupations.slice(0, 1) }]) {
      const every = (await engine.query(upskillingSql(filters, settings))).filter((r) => r.dim !== 'program');
      expect(every.length).toBeGreaterThan(1);
      expect(await engine.query(upskillingSql(filters, settings, 'headline'))).toEqual(every);
    }
  });

  it('give upskilling’s trainees for any as-of date and filters (their hire depends on neither)', async () => {
    const earlier = { asOf: '2024-06-30', k: DEFAULT_K };
    for (const filters of [{}, { region: ['CA', 'TX'] }, { period: { from: '2023-01-01' } }]) {
      const sql = upskillingSql(filters, { ...earlier, aggregatesAsOf: asOf });
      expect(sql).toContain('__ler_agg_training_hires');
      expect(sql).not.toContain('__ler_agg_comparison');
      expect(await engine.query(sql)).toEqual(await engine.query(upskillingSql(filters, earlier)));
    }
  });
});

describe('the roll-ups built from pooled contributions', () => {
  it('give the same rows as the pool’s own tables, for every metric and filter state', async () => {
    // At k = 10 the file holds merged cells (other occupations, years, all years), which filters treat apart.
    const { document } = await buildContribution(engine, { asOf, k: 10, pilotCode: 'roll-ups', producer: 'test' });
    const pool = await freshEngine();
    await poolContribution(pool, await readContribution(new Blob([JSON.stringify(document)])), 'sample.json');
    await buildAggregates(pool, asOf);
    const keys = (await pool.query<{ key: string }>('SELECT employer_id AS key FROM pool_employers ORDER BY 1')).map((r) => r.key);
    const states: [string, Filters][] = [
      ...filterStates(),
      ['employers by key', { employer_id: keys.slice(0, 7) }],
      ['a period inside quarters', { period: { from: '2023-05-15', to: '2024-08-01' } }],
    ];
    const fromTables: MetricSettings = { asOf, k: DEFAULT_K, sources: { rows: false, contributions: true } };
    expect(await expectBuiltEqualsUnbuilt(pool, states, fromTables, '__ler_pool_agg_')).toBeGreaterThan(100);
    // Upskilling's trainees, among them, come from the smallest roll-up that keeps the filters, if any does.
    const built = { ...fromTables, aggregatesAsOf: asOf };
    expect(upskillingSql({ industry: ['Retail'], occupation: ['Sales'] }, built)).toContain(`${POOLED_TRAINEES_ROLLUPS.occupation} `);
    expect(upskillingSql({ industry: ['Retail'] }, built)).toContain(`${POOLED_TRAINEES_ROLLUPS.industry} `);
    expect(upskillingSql({ region: ['CA'] }, built)).not.toContain('__ler_pool_agg_trainees');
    // A contribution asked for alone (a draft being certified) is read from the pool's tables.
    expect(
      hireCountsSql('fill', {}, { asOf, k: DEFAULT_K, aggregatesAsOf: asOf, sources: { rows: false, contributions: 'one' } }, ['grp']),
    ).not.toContain('__ler_pool_agg_');
  });
});
