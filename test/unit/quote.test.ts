import { describe, expect, it } from 'vitest';
import { dateLiteral, ident, literal, str } from '../../src/sql/quote';

describe('quoting', () => {
  it.each([
    ['hires', '"hires"'],
    ['a"b', '"a""b"'],
    ['"; DROP TABLE hires; --', '"""; DROP TABLE hires; --"'],
    ['nul\0byte', '"nulbyte"'],
  ])('quotes identifier %j', (name, quoted) => {
    expect(ident(name)).toBe(quoted);
  });

  it.each([
    ["O'Brien", "'O''Brien'"],
    ['back\\slash', "'back\\slash'"],
    ["'); DROP TABLE hires; --", "'''); DROP TABLE hires; --'"],
  ])('writes string literal %j', (value, quoted) => {
    expect(str(value)).toBe(quoted);
  });

  it('writes plain values, with NaN and infinities as NULL', () => {
    expect(literal(null)).toBe('NULL');
    expect(literal(undefined)).toBe('NULL');
    expect(literal(true)).toBe('TRUE');
    expect(literal(2)).toBe('2');
    expect(literal(2.5)).toBe('2.5e+0');
    expect(literal(Number.NaN)).toBe('NULL');
    expect(literal(Number.POSITIVE_INFINITY)).toBe('NULL');
    expect(literal('x')).toBe("'x'");
  });

  it('accepts only ISO days as date literals', () => {
    expect(dateLiteral('2025-12-31')).toBe("DATE '2025-12-31'");
    expect(() => dateLiteral("2025-12-31' OR 1=1 --")).toThrow(/Not an ISO date/);
  });
});
