import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContribution } from '../../src/contribution/build';
import { canonicalJson, contributionId, type Contribution } from '../../src/contribution/document';
import { poolContribution } from '../../src/contribution/load';
import { ContributionRejected, MAX_CONTRIBUTION_BYTES, readContribution } from '../../src/contribution/read';
import { createNodeEngine } from '../../src/engine/node-engine';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { POOL, POOL_TABLE_NAMES, removeContributionSql } from '../../src/metrics/sources/pool';
import { HOSTILE } from '../support/fuzz-csv';
import { datasetArbitrary, datasetFiles } from '../support/pool-datasets';
import { runs } from '../support/depth';

/**
 * Contribution files as they arrive from strangers: truncated, of another schema, tampered, with
 * negative, fractional or huge counts, totals that disagree, hostile text, compressed or not, huge.
 * Every file is either pooled whole or refused with one line (a ContributionRejected, never another
 * error), and a refusal leaves the pool as it was.
 */
const RUNS = runs(500, 2_500);
let engine: Engine;
let base: Contribution;
let pooledBefore: string;
const tried = { files: 0, refused: 0, pooled: 0 };

const poolSnapshot = async () =>
  JSON.stringify(await Promise.all(POOL_TABLE_NAMES.map((t) => engine.query(`SELECT count(*) AS n FROM ${t}`))));

beforeAll(async () => {
  engine = await createNodeEngine();
  const [data] = fc.sample(datasetArbitrary, { numRuns: 1, seed: 42 });
  if (!data) throw new Error('no dataset');
  await ingestFiles(engine, datasetFiles(data));
  base = (await buildContribution(engine, { asOf: '2025-06-30', k: 1, pilotCode: 'fuzz', producer: 'fuzz' })).document;
  // One contribution already pooled, which every refusal must leave as it is.
  const other = (await buildContribution(engine, { asOf: '2025-06-30', k: 1, pilotCode: 'other pilot', producer: 'fuzz' })).document;
  await poolContribution(engine, other, 'before.json');
  pooledBefore = await poolSnapshot();
});

afterAll(() => {
  console.log(`fuzz contributions: ${tried.files} files, ${tried.refused} refused, ${tried.pooled} pooled`);
});

const clone = (doc: Contribution): Contribution => structuredClone(doc);
const withId = async (doc: Contribution) => ({ ...doc, id: await contributionId(doc) });

/** A path into the document to a number, string or array cell, picked at random. */
function cells(doc: Contribution): (string | number)[][] {
  const paths: (string | number)[][] = [
    ['k'],
    ['as_of'],
    ['schema'],
    ['employers', 0, 'key'],
    ['employers', 0, 'industry'],
    ['withheld', 'fill'],
  ];
  for (const [table, { rows }] of Object.entries(doc.tables))
    rows.slice(0, 3).forEach((row, i) => row.forEach((_, j) => paths.push(['tables', table, 'rows', i, j])));
  return paths;
}

function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = doc as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1] ?? ''] = value;
}

const odd = fc.oneof(
  fc.constantFrom(-1, 0.5, 1e300, -0, Number.MAX_SAFE_INTEGER + 2, 'NaN', '', null, true, [], {}, '2025-02-30', 'ffffffffffffffff'),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(...HOSTILE),
);

type Case = { label: string; bytes: Uint8Array<ArrayBuffer> | string; expect: 'refused' | 'either' };

const mutation: fc.Arbitrary<(doc: Contribution) => Promise<Case>> = fc.oneof(
  fc.nat().map((cut) => async (doc: Contribution) => {
    const text = JSON.stringify(doc);
    return { label: `truncated at ${cut % text.length}`, bytes: text.slice(0, cut % text.length), expect: 'refused' as const };
  }),
  fc.tuple(fc.nat(), odd).map(([pick, value]) => async (doc: Contribution) => {
    const copy = clone(doc);
    const paths = cells(copy);
    const path = paths[pick % paths.length] ?? ['k'];
    setAt(copy, path, value);
    // Without a new id a change is tampering (setting a value it already had is no change); with a new id it
    // must still pass the schema and consistency checks.
    const changed = canonicalJson(copy) !== canonicalJson(doc);
    return {
      label: `tampered ${path.join('.')}`,
      bytes: JSON.stringify(copy),
      expect: changed ? ('refused' as const) : ('either' as const),
    };
  }),
  fc.tuple(fc.nat(), odd).map(([pick, value]) => async (doc: Contribution) => {
    const copy = clone(doc);
    const paths = cells(copy);
    const path = paths[pick % paths.length] ?? ['k'];
    setAt(copy, path, value);
    return { label: `changed ${path.join('.')} with a new id`, bytes: JSON.stringify(await withId(copy)), expect: 'either' as const };
  }),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.boolean()).map(([text, industry]) => async (doc: Contribution) => {
    const copy = clone(doc);
    if (industry) for (const e of copy.employers) e.industry = text;
    else for (const r of copy.tables.training_costs.rows.concat(copy.tables.trainees.rows)) if (r[2] === 'program') r[3] = text;
    return {
      label: `hostile ${industry ? 'industry' : 'program'} ${JSON.stringify(text).slice(0, 40)}`,
      bytes: JSON.stringify(await withId(copy)),
      expect: 'either' as const,
    };
  }),
  fc.constantFrom(
    async () => ({ label: 'a results file', bytes: '{"schema":"ler-outcomes/results@1","counts":{}}', expect: 'refused' as const }),
    async () => ({ label: 'a JSON array', bytes: '[1,2,3]', expect: 'refused' as const }),
    async () => ({ label: 'null', bytes: 'null', expect: 'refused' as const }),
    async () => ({ label: 'empty', bytes: '', expect: 'refused' as const }),
    async (doc: Contribution) => ({
      label: 'gzip, truncated',
      bytes: new Uint8Array(gzipSync(JSON.stringify(doc)).subarray(0, 200)),
      expect: 'refused' as const,
    }),
    async (doc: Contribution) => {
      const copy = clone(doc) as Omit<Contribution, 'tables'> & { tables: Partial<Contribution['tables']> };
      delete copy.tables.first_year;
      return {
        label: 'an earlier version, without first_year',
        bytes: JSON.stringify(await withId(copy as Contribution)),
        expect: 'refused' as const,
      };
    },
    async (doc: Contribution) => ({
      label: 'gzip of another id',
      bytes: new Uint8Array(gzipSync(JSON.stringify({ ...doc, id: 'f'.repeat(64) }))),
      expect: 'refused' as const,
    }),
  ),
);

async function attempt(c: Case): Promise<'pooled' | 'refused'> {
  tried.files++;
  try {
    const doc = await readContribution(new Blob([c.bytes]));
    await poolContribution(engine, doc, 'fuzzed.json');
    tried.pooled++;
    await engine.exec(removeContributionSql(doc.id));
    return 'pooled';
  } catch (err) {
    expect(err, `${c.label}: ${String(err)}`).toBeInstanceOf(ContributionRejected);
    expect((err as Error).message, c.label).not.toMatch(/\n/);
    tried.refused++;
    return 'refused';
  }
}

describe('contribution files from strangers', () => {
  it(`are pooled whole or refused in one line, leaving the pool as it was (${RUNS} generated files)`, async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (make) => {
        const c = await make(base);
        const outcome = await attempt(c);
        if (c.expect === 'refused') expect(outcome, c.label).toBe('refused');
        expect(await poolSnapshot(), c.label).toBe(pooledBefore);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(tried.files).toBeGreaterThanOrEqual(RUNS);
    expect(tried.pooled).toBeGreaterThan(0);
    expect(tried.refused).toBeGreaterThan(RUNS / 2);
  }, 600_000);

  it('keep hostile text as data: a program name and an industry pool and read back exactly', async () => {
    const copy = clone(base);
    const hostile = "'); DROP TABLE pool_fill; --<script>alert(1)</script>";
    copy.employers[0] = { ...(copy.employers[0] as Contribution['employers'][number]), industry: hostile };
    await poolContribution(engine, await readContribution(new Blob([JSON.stringify(await withId(copy))])), 'hostile.json');
    expect(await engine.query(`SELECT industry FROM ${POOL.employers} WHERE industry LIKE '%DROP%'`)).toEqual([{ industry: hostile }]);
    expect(await engine.query(`SELECT count(*) > 0 AS ok FROM ${POOL.hires('fill')}`)).toEqual([{ ok: true }]);
  });

  it('refuses a file saved by an earlier version, without the first-year table, saying so', async () => {
    const copy = clone(base) as Omit<Contribution, 'tables'> & { tables: Partial<Contribution['tables']> };
    delete copy.tables.first_year;
    await expect(readContribution(new Blob([JSON.stringify(await withId(copy as Contribution))]))).rejects.toThrow(
      /^it was saved by an earlier version of LER Outcomes, without the first-year table .*: ask its contributor to save it again$/,
    );
  });

  it('refuses a file of 100 MB and one over the limit in one line each', async () => {
    const huge = new Blob([`{"schema":"ler-outcomes/contribution@1","producer":"${'x'.repeat(100 * 1024 * 1024)}"}`]);
    await expect(readContribution(huge)).rejects.toThrow(/^it does not follow the contribution schema: /);
    const over = { size: MAX_CONTRIBUTION_BYTES + 1, slice: () => new Blob([]) } as unknown as Blob;
    await expect(readContribution(over)).rejects.toThrow('more than a contribution can be (at most 256 MB)');
  });
});
