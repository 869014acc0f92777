import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { boolSql, dateSql, numberSql, trimmedSql } from '../../src/ingest/value-sql';
import { str } from '../../src/sql/quote';
import { freshEngine } from '../support/engine';

let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
});

async function parse(sqlOf: (raw: string) => string, raw: string): Promise<unknown> {
  const [row] = await engine.query(`SELECT ${sqlOf(str(raw))} AS v`);
  return row?.v;
}

describe('value parsing on the real engine', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['3/5/2024', '2024-03-05'],
    ['12/31/2024', '2024-12-31'],
    ['5.3.2024', '2024-03-05'],
    ['31.12.2024', '2024-12-31'],
    ['0001-01-01', '0001-01-01'],
    ['9999-12-31', '9999-12-31'],
    ['2023-02-29', null],
    ['2024-02-30', null],
    ['13/1/2024', null],
    ['2024/03/05', null],
    ['yesterday', null],
    ['45000', null],
  ])('date %j → %j', async (raw, expected) => {
    expect(await parse((r) => dateSql(r), raw)).toBe(expected);
  });

  it('reads slash dates day-first when told', async () => {
    expect(await parse((r) => dateSql(r, 'day-first'), '13/1/2024')).toBe('2024-01-13');
  });

  it.each([
    ['true', true],
    ['T', true],
    ['Yes', true],
    ['y', true],
    ['1', true],
    ['FALSE', false],
    ['f', false],
    ['no', false],
    ['N', false],
    ['0', false],
    ['maybe', null],
    ['2', null],
    ['yes please', null],
  ])('boolean %j → %j', async (raw, expected) => {
    expect(await parse(boolSql, raw)).toBe(expected);
  });

  it.each([
    ['4700', 4700],
    ['$1,234.50', 1234.5],
    ['1 234', 1234],
    ['-5', -5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['NaN', null],
    ['inf', null],
    ['Infinity', null],
    ['12abc', null],
    ['$', null],
    ['1,2,3.4.5', null],
  ])('number %j → %j', async (raw, expected) => {
    expect(await parse(numberSql, raw)).toBe(expected);
  });

  describe('trimming', () => {
    // The oracle: the Unicode space separators (category Zs) stripped from both ends, nothing left → NULL.
    const expected = (raw: string) => raw.replace(/^\p{Zs}+|\p{Zs}+$/gu, '') || null;
    const trimmedAll = async (raws: readonly string[]) =>
      (
        await engine.query<{ v: string | null }>(
          `SELECT ${trimmedSql('raw')} AS v FROM (SELECT unnest([${raws.map(str).join(', ')}]::VARCHAR[]) AS raw, generate_subscripts([${raws.map(str).join(', ')}]::VARCHAR[], 1) AS i) ORDER BY i`,
        )
      ).map((r) => r.v);
    const SPACES = ['\u0020', '\u00A0', '\u1680', '\u2000', '\u2005', '\u200A', '\u202F', '\u205F', '\u3000'];

    it('strips exactly what trim() strips: every space separator, at either end only', async () => {
      const ascii = Array.from({ length: 127 }, (_, i) => String.fromCharCode(i + 1));
      const raws = [
        '',
        ' ',
        '   ',
        'a',
        ' a',
        'a ',
        '  a b  ',
        '\ta\t',
        'a\n',
        '\u00A0',
        'é',
        ' é ',
        'aé ',
        '😀 ',
        ...ascii.map((c) => `${c}x${c}`),
        ...SPACES.flatMap((sp) => [`${sp}a`, `a${sp}`, `${sp}é${sp}`, `a${sp}b`, sp.repeat(3)]),
      ];
      expect(await trimmedAll(raws)).toEqual(raws.map(expected));
    });

    it('agrees with the oracle on random text', async () => {
      const piece = fc.oneof(fc.constantFrom(...SPACES, '\t', '\n', 'a', 'é', '😀', ','), fc.string({ unit: 'binary', maxLength: 3 }));
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
            { minLength: 1, maxLength: 40 },
          ),
          async (raws) => {
            expect(await trimmedAll(raws)).toEqual(raws.map(expected));
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
