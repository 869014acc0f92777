import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/load';
import { readsAggregates } from '../../src/metrics/aggregates';
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
import { atRiskSql, retentionCurveSql, retentionLogRankSql, retentionSql } from '../../src/metrics/retention';
import { DEFAULT_K, LATEST_DATE_SQL, type MetricSettings } from '../../src/metrics/settings';
import { upskillingSql } from '../../src/metrics/upskilling';
import { buildAggregates, freshEngine } from '../support/engine';
import { fileFrom, SAMPLE_FILES } from '../support/files';

/** The pre-aggregated path must give exactly the rows the row-level SQL gives, for every metric that reads it. */
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
  ['retention', (f, s) => retentionSql(f, s)],
  ['retention, voluntary', (f, s) => retentionSql(f, s, 'voluntary')],
  ['log-rank', (f, s) => retentionLogRankSql(f, s)],
  ['log-rank, voluntary', (f, s) => retentionLogRankSql(f, s, 'voluntary')],
  ['KM curve', (f, s) => retentionCurveSql(f, s)],
  ['KM curve, voluntary', (f, s) => retentionCurveSql(f, s, 'voluntary')],
  ['at risk', (f, s) => atRiskSql(f, s, [0, 90, 180, 365, 730, 1095])],
  ['adoption', adoptionSql],
  ['upskilling', upskillingSql],
];

const filterStates = (): [string, Filters][] => [
  ['no filters', {}],
  ['one industry', { industry: industries.slice(0, 1) }],
  ['two industries', { industry: industries.slice(1, 3) }],
  ['an occupation', { occupation: occupations.slice(0, 1) }],
  ['industry and occupations', { industry: industries.slice(0, 2), occupation: occupations.slice(1, 4) }],
  ['nothing matches', { industry: ['no such industry'] }],
];

describe('pre-aggregated hires', () => {
  it('give the same rows as the row-level SQL for every metric and filter state', async () => {
    for (const [state, filters] of filterStates()) {
      const rows = { asOf, k: DEFAULT_K };
      const aggregated = { ...rows, aggregatesAsOf: asOf };
      expect(readsAggregates(filters, aggregated)).toBe(true);
      for (const [name, sql] of METRICS) {
        const viaAggregates = sql(filters, aggregated);
        expect(viaAggregates, `${name}, ${state}`).toContain('__ler_agg_');
        expect(await engine.query(viaAggregates), `${name}, ${state}`).toEqual(await engine.query(sql(filters, rows)));
      }
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

  it('are read only when built for this as-of date and no other filter is in use', () => {
    const settings = { asOf: '2025-06-30', k: DEFAULT_K, aggregatesAsOf: '2025-06-30' };
    expect(readsAggregates({ industry: ['Retail'], occupation: ['Sales'], region: [] }, settings)).toBe(true);
    expect(readsAggregates({}, { ...settings, aggregatesAsOf: '2025-12-31' })).toBe(false);
    expect(readsAggregates({}, { asOf: '2025-06-30', k: DEFAULT_K })).toBe(false);
    expect(readsAggregates({ region: ['CA'] }, settings)).toBe(false);
    expect(readsAggregates({ employer_id: ['E1'] }, settings)).toBe(false);
    expect(readsAggregates({ size_band: ['1-49'] }, settings)).toBe(false);
    expect(readsAggregates({ period: { from: '2024-01-01' } }, settings)).toBe(false);
    expect(distributionSql({ region: ['CA'] }, settings, 'time_to_fill')).not.toContain('__ler_agg_');
    // Costs are sums of non-integer amounts, whose rounding depends on the order: they always read the rows.
    expect(costPerHireSql({}, settings)).not.toContain('__ler_agg_');
    expect(trainingSummarySql({}, settings)).not.toContain('__ler_agg_');
  });
});
