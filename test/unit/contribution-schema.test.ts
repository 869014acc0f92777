import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, quarterLabel } from '../../src/contribution/document';
import { contributionJsonSchema } from '../../src/contribution/schema';
import { standaloneValidatorCode } from '../support/contribution-validator-code';

describe('the contribution file format', () => {
  it('has its JSON Schema committed as the code defines it (regenerate: npx tsx test/support/write-contribution-schema.ts)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../src/contribution/contribution.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(contributionJsonSchema());
  });

  it('checks files with the validator compiled from that schema, committed as generated', () => {
    expect(readFileSync(new URL('../../src/contribution/contribution-validator.js', import.meta.url), 'utf8')).toBe(
      standaloneValidatorCode(),
    );
  });

  it('writes canonical JSON with sorted keys at every depth and no spaces', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 'x' }, null], a: true, é: 1.5 })).toBe('{"a":true,"b":[{"c":"x","d":1},null],"é":1.5}');
    expect(canonicalJson({ rows: [[1, 'a "q"', null, true], []], mixed: [[1], [{ z: 0, y: 1 }]] })).toBe(
      '{"mixed":[[1],[{"y":1,"z":0}]],"rows":[[1,"a \\"q\\"",null,true],[]]}',
    );
  });

  it.each([
    ['2024-04-01', null, '2024-Q2'],
    ['2023-10-01', null, '2023-Q4'],
    [null, 2022, '2022'],
    [null, null, null],
  ] as const)('labels quarter %s, year %s as %s', (q, year, label) => {
    expect(quarterLabel(q, year)).toBe(label);
  });
});
