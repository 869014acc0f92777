import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContribution } from '../../src/contribution/build';
import { compareHeadlines } from '../../src/contribution/certificate';
import { employerKey, quarterLabel, type Contribution } from '../../src/contribution/document';
import { loadContributions, poolContribution } from '../../src/contribution/load';
import { quarterStartSql } from '../../src/contribution/pool-documents';
import { readContribution } from '../../src/contribution/read';
import { createNodeEngine } from '../../src/engine/node-engine';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import type { Filters } from '../../src/metrics/filters';
import { computeResults, type ResultsFile } from '../../src/metrics/results';
import { datasetArbitrary, datasetFiles, renamed, subset, type Dataset } from '../support/pool-datasets';
import { runs } from '../support/depth';

/**
 * DESIGN §7's exactness contract on the real engine: for random datasets split at random into 1–6
 * contributions made with k = 1, the pooled results@1 equal the results@1 of all rows loaded together —
 * counts equal, every other number within 1e-9 relative, bootstrap intervals equal because the rows are
 * loaded under the employers' pilot keys (so the employers are resampled in the same order).
 */
const DATASETS = runs(6, 24);
const PILOT = 'pilot-exactness';
const AS_OF = '2025-06-30';
const tried = { datasets: 0, contributions: 0, numbers: 0 };

/** Three engines, emptied between uses (starting one takes most of a second): a contributor's, the pooler's, and all rows'. */
let contributor: Engine;
let pool: Engine;
let rows: Engine;

beforeAll(async () => {
  [contributor, pool, rows] = await Promise.all([createNodeEngine(), createNodeEngine(), createNodeEngine()]);
});

afterAll(() => {
  console.log(`pool exactness: ${tried.datasets} datasets, ${tried.contributions} contributions, ${tried.numbers} numbers compared`);
});

async function load(engine: Engine, data: Dataset): Promise<void> {
  await clearDataset(engine);
  await ingestFiles(engine, datasetFiles(data));
}

/** A contribution of some employers' rows, as a file would carry it (saved, read back and checked). */
async function contribution(data: Dataset, ids: ReadonlySet<string>, k: number): Promise<Contribution> {
  await load(contributor, subset(data, ids));
  const { document } = await buildContribution(contributor, { asOf: AS_OF, k, pilotCode: PILOT, producer: 'test' });
  return readContribution(new Blob([JSON.stringify(document)]));
}

/** Every number of a results file against another's: equal counts, floats within 1e-9 relative. Returns how many were compared. */
function expectSameNumbers(actual: unknown, expected: unknown, path = '$'): number {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const tolerance = Number.isInteger(expected) && Math.abs(expected) < 2 ** 52 ? 0 : 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs((actual as number) - expected), `${path}: pooled ${String(actual)} vs rows ${expected}`).toBeLessThanOrEqual(tolerance);
    return 1;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual) && actual.length, path).toBe(expected.length);
    return expected.reduce<number>((n, v, i) => n + expectSameNumbers((actual as unknown[])[i], v, `${path}[${i}]`), 0);
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    return Object.entries(expected).reduce(
      (n, [k, v]) => n + expectSameNumbers((actual as Record<string, unknown>)[k], v, `${path}.${k}`),
      0,
    );
  }
  expect(actual, path).toEqual(expected);
  return 0;
}

/** A results file without its sources block, which says where the figures came from and so differs by design. */
function withoutSources(results: ResultsFile): Partial<ResultsFile> {
  const rest: Partial<ResultsFile> = { ...results };
  delete rest.sources;
  return rest;
}

describe('pooled contributions (k = 1) give the results of all rows loaded together', () => {
  it(`for ${DATASETS} random datasets split at random into 1–6 contributions`, async () => {
    await fc.assert(
      fc.asyncProperty(datasetArbitrary, fc.array(fc.nat(5), { minLength: 10, maxLength: 10 }), async (data, assignment) => {
        tried.datasets++;
        const ids = data.employers.slice(1).map((r) => r[0] ?? '');
        const groups = new Map<number, Set<string>>();
        ids.forEach((id, i) => groups.set(assignment[i] ?? 0, (groups.get(assignment[i] ?? 0) ?? new Set()).add(id)));
        await clearDataset(pool);
        for (const group of groups.values()) {
          await poolContribution(pool, await contribution(data, group, 1), 'part.json');
          tried.contributions++;
        }
        const keys = new Map<string, string>();
        for (const id of ids) keys.set(id, await employerKey(id, PILOT));
        await load(
          rows,
          renamed(data, (id) => keys.get(id) ?? id),
        );
        const settings = { asOf: AS_OF, k: 1 };
        const fromRows = await computeResults((sql) => rows.query(sql), {}, settings);
        const pooled = await computeResults((sql) => pool.query(sql), {}, { ...settings, sources: { rows: false, contributions: true } });
        tried.numbers += expectSameNumbers(withoutSources(pooled), withoutSources(fromRows));
        expect(pooled.sources.rows).toBeNull();
        expect(pooled.sources.contributions).toHaveLength(groups.size);
      }),
      { numRuns: DATASETS, endOnFailure: true },
    );
    expect(tried.datasets).toBe(DATASETS);
  }, 600_000);
});

describe('pooling with rows, and what it refuses', () => {
  const data = fc.sample(
    datasetArbitrary.filter((d) => d.employers.length >= 5),
    { numRuns: 1, seed: 20_261_130 },
  )[0] as Dataset;
  const ids = data.employers.slice(1).map((r) => r[0] ?? '');

  it('pools contributions with rows of its own: the rows of some employers plus the others’ contributions give all rows', async () => {
    const local = new Set(ids.slice(0, 2));
    const shared = await contribution(data, new Set(ids.slice(2)), 1);
    const keys = new Map<string, string>();
    for (const id of ids) keys.set(id, local.has(id) ? id : await employerKey(id, PILOT));
    await load(pool, subset(data, local));
    await poolContribution(pool, shared, 'others.json');
    await load(
      rows,
      renamed(data, (id) => keys.get(id) ?? id),
    );
    const settings = { asOf: AS_OF, k: 1 };
    const fromRows = await computeResults((sql) => rows.query(sql), {}, settings);
    const mixed = await computeResults((sql) => pool.query(sql), {}, { ...settings, sources: { rows: true, contributions: true } });
    expect(expectSameNumbers(withoutSources(mixed), withoutSources(fromRows))).toBeGreaterThan(50);
    expect(mixed.sources.rows).toEqual({ employers: 2, hires: subset(data, local).hires.length - 1 });
  });

  it('gives the rows’ figures under the filters a pool serves (training ignores a period on a pool, by design)', async () => {
    const all = await contribution(data, new Set(ids), 1);
    await clearDataset(pool);
    await poolContribution(pool, all, 'all.json');
    const keys = new Map<string, string>();
    for (const id of ids) keys.set(id, await employerKey(id, PILOT));
    await load(
      rows,
      renamed(data, (id) => keys.get(id) ?? id),
    );
    const states: Filters[] = [
      { industry: ['Retail', 'Health'] },
      { occupation: ['Sales', 'IT'], region: ['OH', 'CA'] },
      { employer_id: [keys.get(ids[0] ?? '') ?? ''], size_band: ['1-49', '50-249', '250-999', '1000+'] },
      { industry: ['no such industry'] },
      { period: { from: '2022-04-01', to: '2023-09-30' } },
    ];
    const settings = { asOf: AS_OF, k: 1 };
    for (const filters of states) {
      const fromRows = withoutSources(await computeResults((sql) => rows.query(sql), filters, settings));
      const pooled = withoutSources(
        await computeResults((sql) => pool.query(sql), filters, { ...settings, sources: { rows: false, contributions: true } }),
      );
      if (filters.period && fromRows.counts && pooled.counts) {
        [fromRows.upskilling, pooled.upskilling] = [undefined, undefined];
        [fromRows.counts.enrollments, pooled.counts.enrollments] = [0, 0];
      }
      expect(expectSameNumbers(pooled, fromRows, JSON.stringify(filters))).toBeGreaterThan(5);
    }
  });

  it('refuses a file loaded twice, and the same employer in two files made with one pilot code; keeps what it had', async () => {
    await clearDataset(pool);
    const first = await contribution(data, new Set(ids.slice(0, 3)), 1);
    await poolContribution(pool, first, 'first.json');
    await expect(poolContribution(pool, first, 'again.json')).rejects.toThrow('already loaded (as first.json)');
    const overlapping = await contribution(data, new Set(ids.slice(2)), 1);
    await expect(poolContribution(pool, overlapping, 'second.json')).rejects.toThrow(/already in the pool \(from first\.json\)/);
    expect(await pool.query('SELECT count(*) AS n FROM pool_contributions')).toEqual([{ n: 1 }]);
    expect(await pool.query('SELECT count(DISTINCT employer_id) AS n FROM pool_employers')).toEqual([{ n: 3 }]);
  });

  it('pools a batch of files in one go, refusing within the batch a second copy and an overlapping file', async () => {
    await clearDataset(pool);
    const first = await contribution(data, new Set(ids.slice(0, 3)), 1);
    const overlapping = await contribution(data, new Set(ids.slice(2)), 1);
    const file = (doc: Contribution, name: string) => new File([JSON.stringify(doc)], name);
    const reports = await loadContributions(pool, [
      file(first, 'a.json'),
      file(first, 'copy.json'),
      new File(['{"format":'], 'broken.json'),
      file(overlapping, 'b.json'),
    ]);
    expect(reports.map((r) => [r.file, r.error === null])).toEqual([
      ['a.json', true],
      ['copy.json', false],
      ['broken.json', false],
      ['b.json', false],
    ]);
    expect(reports[1]?.error).toContain('already loaded (as a.json)');
    expect(reports[3]?.error).toMatch(/already in the pool \(from a\.json\)/);
    expect(await pool.query('SELECT file FROM pool_contributions')).toEqual([{ file: 'a.json' }]);
  });

  it('reads every quarter label a file can hold back as the quarter’s first day', async () => {
    const quarters = Array.from({ length: 12 }, (_, i) => `${2020 + Math.floor(i / 4)}-${String((i % 4) * 3 + 1).padStart(2, '0')}-01`);
    const labels = [...quarters.map((q) => quarterLabel(q, null)), quarterLabel(null, 2022), null];
    const values = labels.map((l) => `(${l === null ? 'NULL' : `'${l}'`})`).join(', ');
    const read = await pool.query<{ q: string | null }>(
      `SELECT strftime(${quarterStartSql('label')}, '%Y-%m-%d') AS q FROM (VALUES ${values}) t(label)`,
    );
    expect(read.map((r) => r.q)).toEqual([...quarters, null, null]);
  });

  it('at k = 10 withholds small cells and certifies, truthfully, how far each headline figure moved', async () => {
    const cert = await contribution(data, new Set(ids), 10);
    await clearDataset(pool);
    await poolContribution(pool, cert, 'k10.json');
    await load(rows, data);
    const settings = { asOf: AS_OF, k: 1 };
    const fromRows = await computeResults((sql) => rows.query(sql), {}, settings);
    const pooled = await computeResults((sql) => pool.query(sql), {}, { ...settings, sources: { rows: false, contributions: true } });
    expect(compareHeadlines(fromRows, pooled)).toEqual(cert.certificate);
    expect(Object.values(cert.withheld).some((n) => n > 0)).toBe(true);
  });
});
