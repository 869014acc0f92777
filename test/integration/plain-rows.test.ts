import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { freshEngine } from '../support/engine';

let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
});

describe('lists in plain rows, from the real engine', () => {
  it('give plain arrays of numbers, keep their nulls, and hold long lists whole', async () => {
    const [row] = await engine.query(`SELECT [3, -7, 2147483647]::INTEGER[] AS ints, [1, NULL, 3]::INTEGER[] AS with_null,
      [0.1, -2.5e300]::DOUBLE[] AS doubles, [0.5, NULL]::FLOAT[] AS floats,
      [1, 2]::TINYINT[] AS tiny, []::INTEGER[] AS empty, NULL::INTEGER[] AS missing,
      (SELECT list(i::INTEGER) FROM range(70000) t(i)) AS long_list`);
    expect(row?.ints).toEqual([3, -7, 2147483647]);
    expect(row?.with_null).toEqual([1, null, 3]);
    expect(row?.doubles).toEqual([0.1, -2.5e300]);
    expect(row?.floats).toEqual([0.5, null]);
    expect(row?.tiny).toEqual([1, 2]);
    expect(row?.empty).toEqual([]);
    expect(row?.missing).toBeNull();
    const long = row?.long_list as number[];
    expect(Array.isArray(long)).toBe(true);
    expect(long).toHaveLength(70000);
    expect(long.every((v, i) => v === i)).toBe(true);
  });
});
