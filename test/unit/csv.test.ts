import { describe, expect, it } from 'vitest';
import { neutraliseCell, toSafeCsv } from '../../src/export/csv';

describe('spreadsheet-safe CSV', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it('leaves other cells and numbers alone', () => {
    expect(neutraliseCell('plain')).toBe('plain');
    expect(neutraliseCell(-5)).toBe(-5);
  });

  it('quotes separators and line breaks', () => {
    expect(toSafeCsv([{ a: 'x,y', b: '=cmd', c: 'two\nlines' }], ['a', 'b', 'c'])).toBe('a,b,c\r\n"x,y",\'=cmd,"two\nlines"');
  });
});
