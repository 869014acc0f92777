import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import type { Filters } from '../../src/metrics/filters';
import { computeResults } from '../../src/metrics/results';
import { DEFAULT_UPSKILLING_ASSUMPTIONS, upskillingFigures, type UpskillingAggregates } from '../../src/metrics/upskilling';
import { LATEST_DATE_SQL } from '../../src/metrics/settings';
import { filePlan, HOSTILE, isoDay, FIRST_DAY, LAST_DAY, writeFile } from '../support/fuzz-csv';
import { buildAggregates } from '../support/engine';
import { runs } from '../support/depth';

/**
 * The results file (results@1) must be valid JSON for any data: JSON.stringify silently turns NaN and
 * infinities into null, so the object is walked for them before it is written. Datasets come from the
 * ingest fuzzer, with small pools of ids and labels so that hires, training and filters meet.
 */

const DATASETS = runs(10, 40);
let engine: Engine;
const tried = { datasets: 0, results: 0, rows: 0 };
const started = performance.now();

beforeAll(async () => {
  engine = await createNodeEngine();
});

afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz results: ${tried.results} results files from ${tried.datasets} generated datasets (${tried.rows} rows) in ${seconds} s`,
  );
});

/** Paths of every value JSON cannot hold: NaN, infinities, BigInt, functions, undefined in arrays. */
function unrepresentable(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') return [`${path} is a ${typeof value}`];
  if (Array.isArray(value))
    return value.flatMap((v, i) => (v === undefined ? [`${path}[${i}] is undefined`] : unrepresentable(v, `${path}[${i}]`)));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unrepresentable(v, `${path}.${k}`));
  return [];
}

const pool = (...values: string[]) => fc.constantFrom(...values);
const PEOPLE = pool('P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', '<img src=x onerror=alert(1)>', '');
/** Money as users write it, at the contract's bounds (tiny amounts make ratios overflow), and beyond them (rejected: sums would overflow). */
const MONEY = pool('0', '1', '4700', '52,000', '$1,234.56', '0.0001', '5e-324', '1e-300', '1e12', '999999999999.99', '1e308', '9e307', '');
const values = {
  person_id: PEOPLE,
  annual_salary: MONEY,
  hiring_cost: MONEY,
  cost: MONEY.filter((m) => m !== ''),
  hours: MONEY,
  wage_before: MONEY,
  wage_after: MONEY,
  occupation: pool('Sales', 'IT', 'Care', '=1+1', '"; DROP TABLE hires; --', ''),
  industry: pool('Retail', 'Health', '<b>x</b>', ''),
  region: pool('OH', 'TX', ''),
  program: pool('Welding', 'Nursing', '@SUM(A1)'),
};
const dataset = fc.record({
  employers: filePlan('employers', { minRows: 3, maxRows: 12, invalidShare: 0.1, values }),
  hires: filePlan('hires', { minRows: 10, maxRows: 80, invalidShare: 0.1, values }),
  training: filePlan('training', { minRows: 0, maxRows: 40, invalidShare: 0.1, values }),
});
const day = fc
  .oneof(fc.constantFrom(FIRST_DAY, LAST_DAY), fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 16_000, max: 20_500 }))
  .map(isoDay);
const settings = fc.record({
  asOf: fc.oneof(fc.constant('latest'), day),
  k: fc.constantFrom(1, 2, 3, 10),
  filters: fc.record(
    {
      industry: fc.subarray(['Retail', 'Health', '<b>x</b>', ...HOSTILE.slice(0, 3)], { minLength: 1 }),
      occupation: fc.subarray(['Sales', 'IT', 'Care', '=1+1', '"; DROP TABLE hires; --'], { minLength: 1 }),
      region: fc.subarray(['OH', 'TX'], { minLength: 1 }),
      period: fc.record({ from: day, to: day }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
});

describe('the results file for fuzzed datasets', () => {
  it(`is valid JSON with no NaN or infinity, for ${DATASETS} random datasets under random settings and filters`, async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(settings, { minLength: 2, maxLength: 3 }), async (plan, runs) => {
        await clearDataset(engine);
        const n = tried.datasets++;
        const employers = writeFile(plan.employers, [], n);
        const files = [employers, writeFile(plan.hires, employers.validKeys, n), writeFile(plan.training, employers.validKeys, n)];
        tried.rows += files.reduce((sum, f) => sum + f.records, 0);
        await ingestFiles(
          engine,
          files.map((f) => f.file),
        );
        const [latest] = await engine.query<{ latest: string | null }>(LATEST_DATE_SQL);
        for (const run of runs) {
          const asOf = run.asOf === 'latest' ? (latest?.latest ?? '2024-12-31') : run.asOf;
          const results = await computeResults((sql) => engine.query(sql), run.filters as Filters, { asOf, k: run.k });
          tried.results++;
          expect(unrepresentable(results), `as of ${asOf}, k = ${run.k}, filters ${JSON.stringify(run.filters)}`).toEqual([]);
          expect(JSON.parse(JSON.stringify(results))).toEqual(results);
          // The pre-aggregated path (built for this as-of date, as the app builds it for the latest) gives the very same file.
          await buildAggregates(engine, asOf);
          const viaAggregates = await computeResults((sql) => engine.query(sql), run.filters as Filters, {
            asOf,
            k: run.k,
            aggregatesAsOf: asOf,
          });
          expect(viaAggregates, `pre-aggregated, as of ${asOf}, filters ${JSON.stringify(run.filters)}`).toEqual(results);
        }
      }),
      // Shrinking would recompute hundreds of results files: a failure stops the run at once (the fixed seed replays it).
      { numRuns: DATASETS, endOnFailure: true },
    );
    expect(tried.datasets).toBe(DATASETS);
  }, 300_000);

  it('is computed when an employers file carries columns named like the hires table’s', async () => {
    await clearDataset(engine);
    const employers = 'employer_id,ler_verified,occupation,started_on\nE1,maybe,IT,x\n';
    const hires = `hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified\n${Array.from({ length: 4 }, (_, i) => `H${i},E1,2024-01-01,2024-02-0${i + 1},2024-03-01,${i % 2 ? 'y' : 'n'}`).join('\n')}\n`;
    await ingestFiles(engine, [new File([employers], 'e.csv'), new File([hires], 'h.csv')]);
    const results = await computeResults((sql) => engine.query(sql), {}, { asOf: '2024-12-31', k: 1 });
    expect(results.counts.hires).toBe(4);
    expect(unrepresentable(results)).toEqual([]);
  });

  it('reports ratios over a tiny positive cost as not computable rather than infinite', () => {
    const row: UpskillingAggregates = {
      dim: 'all',
      key: '',
      enrollments: 1,
      people: 1,
      completions: 1,
      direct_cost: 5e-324,
      time_cost: 0,
      ler_credentials: 0,
      promotions: 1,
      completions_followed: 1,
      promotions_followed: 1,
      mean_wage_before: null,
      trainees: 1,
      s_trainee: null,
      s_comparison: null,
      var_trainee: null,
      var_comparison: null,
      mean_hiring_cost: null,
    };
    const figures = upskillingFigures(row, DEFAULT_UPSKILLING_ASSUMPTIONS, 4_700);
    expect(unrepresentable(figures)).toEqual([]);
    expect([figures.roi_pct, figures.bcr, figures.payback_months]).toEqual([null, null, (12 * 5e-324) / 4_700]);
  });
});
