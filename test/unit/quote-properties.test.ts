import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { neutraliseCell, toSafeCsv } from '../../src/export/csv';
import { ident, literal, str } from '../../src/sql/quote';

/**
 * Property tests of the quoting module and the spreadsheet-safe CSV writer. Quoting is checked by
 * running the quoted text on the real engine: whatever the string, DuckDB must read back exactly it.
 */

const RUNS = 1_000;
/** Characters that matter to SQL, CSV and spreadsheets, so that short strings hit the edge cases often. */
const SPECIAL = [
  '"',
  "'",
  '\\',
  ';',
  '-',
  '/',
  '*',
  '\0',
  '\n',
  '\r',
  '\t',
  ' ',
  '=',
  '+',
  '@',
  ',',
  '$',
  '?',
  'a',
  'Z',
  '\u00a0',
  '\u2028',
  '\uFEFF',
  '😀',
  'é',
];
const adversarial = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 24 }),
  fc.constantFrom(
    '"; DROP TABLE hires; --',
    "'); DROP TABLE hires; --",
    '<img src=x onerror=alert(1)>',
    '$$ SELECT 1 $$',
    "E'\\x00'",
    '\\x27',
    '--',
    '/*',
    '*/',
  ),
);
const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];
const withoutNul = (s: string) => s.replaceAll('\0', '');

let engine: Engine;
let queries = 0;
beforeAll(async () => {
  engine = await createNodeEngine();
}, 60_000);

afterAll(() => {
  console.log(`quoting properties: ${queries} strings round-tripped through DuckDB`);
});

describe('str: any string survives a round trip through DuckDB as a literal', () => {
  it(`reads back ${RUNS} adversarial strings exactly (NUL bytes dropped)`, async () => {
    await fc.assert(
      fc.asyncProperty(adversarial, async (s) => {
        queries++;
        const [row] = await engine.query<{ v: string; n: number }>(`SELECT ${str(s)} AS v, 1 AS n`);
        expect(row).toEqual({ v: withoutNul(s), n: 1 });
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('holds inside larger statements: a literal cannot end the statement or comment out the rest', async () => {
    await fc.assert(
      fc.asyncProperty(adversarial, adversarial, async (a, b) => {
        queries++;
        const rows = await engine.query<{ v: string }>(`SELECT ${str(a)} AS v UNION ALL SELECT ${str(b)} AS v`);
        expect(rows.map((r) => r.v)).toEqual([withoutNul(a), withoutNul(b)]);
      }),
      { numRuns: RUNS / 2 },
    );
  }, 60_000);

  it('writes non-finite numbers as NULL and finite ones exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double(), async (x) => {
        queries++;
        const [row] = await engine.query<{ v: number | null }>(`SELECT ${literal(x)}::DOUBLE AS v`);
        expect(row?.v).toBe(Number.isFinite(x) ? (Object.is(x, -0) ? 0 : x) : null);
      }),
      { numRuns: RUNS / 2 },
    );
  }, 60_000);
});

describe('ident: any non-empty name is one identifier in DuckDB', () => {
  const name = adversarial.filter((s) => withoutNul(s) !== '');
  // Names are read back as values (DESCRIBE, information_schema), not as Arrow field names, whose
  // decoder drops a leading U+FEFF.
  it(`names a column with ${RUNS} adversarial strings exactly (NUL bytes dropped)`, async () => {
    await fc.assert(
      fc.asyncProperty(name, async (s) => {
        queries++;
        const rows = await engine.query<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT 1 AS ${ident(s)}, 2 AS n)`);
        expect(rows.map((r) => r.column_name)).toEqual([withoutNul(s), 'n']);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('names a table and its column that can be created, filled, read and dropped', async () => {
    await fc.assert(
      fc.asyncProperty(name, async (s) => {
        queries++;
        await engine.exec(`CREATE TEMP TABLE ${ident(s)} (${ident(s)} VARCHAR); INSERT INTO ${ident(s)} VALUES (${str(s)});`);
        const rows = await engine.query(`SELECT ${ident(s)} AS v FROM ${ident(s)}`);
        const columns = await engine.query(
          `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_name = ${str(s)}`,
        );
        await engine.exec(`DROP TABLE ${ident(s)}`);
        expect(rows).toEqual([{ v: withoutNul(s) }]);
        expect(columns).toEqual([{ t: withoutNul(s), c: withoutNul(s) }]);
      }),
      { numRuns: RUNS / 4 },
    );
  }, 60_000);
});

describe('spreadsheet-safe CSV', () => {
  it('neutraliseCell never returns a string a spreadsheet would run as a formula', () => {
    fc.assert(
      fc.property(fc.oneof(adversarial, fc.string({ unit: fc.constantFrom(...FORMULA_START, 'a', ' '), maxLength: 4 })), (s) => {
        const out = neutraliseCell(s);
        expect(typeof out).toBe('string');
        expect(FORMULA_START.some((c) => (out as string).startsWith(c))).toBe(false);
        // Only a prefix is added: the value is still there to read.
        expect([s, `'${s}`]).toContain(out);
      }),
      { numRuns: 10 * RUNS },
    );
  });

  const cell = fc.oneof(
    adversarial,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(adversarial, { maxLength: 3 }),
    fc.dictionary(adversarial, adversarial, { maxKeys: 2 }),
  );
  const unsafe = (text: string) => FORMULA_START.some((c) => text.startsWith(c));
  it('toSafeCsv writes a CSV whose every cell, header included, is safe and reads back as written', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          adversarial.filter((c) => c !== ''),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 6 }),
        (columns, cells) => {
          const rows = cells.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])));
          const csv = toSafeCsv(rows, columns);
          // With no rows, Papa still ends the header with a line break.
          const parsed = Papa.parse<string[]>(rows.length === 0 ? csv.replace(/\r\n$/, '') : csv, { newline: '\r\n', delimiter: ',' }).data;
          expect(parsed).toHaveLength(rows.length + 1);
          expect(parsed[0]).toEqual(columns.map((c) => neutraliseCell(c)));
          rows.forEach((row, r) => {
            const line = parsed[r + 1] ?? [];
            expect(line).toHaveLength(columns.length);
            columns.forEach((c, i) => {
              const value = row[c];
              const text = line[i] ?? '';
              // A number is written as a number (a spreadsheet reads -1 as minus one, not as a formula).
              if (typeof value === 'number') expect(text).toBe(String(value));
              else expect(unsafe(text), JSON.stringify(text)).toBe(false);
              if (typeof value === 'string') expect(text).toBe(neutraliseCell(value));
            });
          });
        },
      ),
      { numRuns: 2 * RUNS },
    );
  });
});
