import { QueryObserver } from '@tanstack/react-query';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/engine';
import { captureSnapshot, decodeSnapshot, encodeSnapshot, fitsInChars } from '../../src/store/figure-snapshot';
import { EMPTY_COUNTS } from '../../src/store/catalogue';
import { queryClient, sqlKey } from '../../src/store/query-client';

const jsonValue = fc.jsonValue({ maxDepth: 4 });

describe('the start-up snapshot', () => {
  it('measures a value against a budget exactly as JSON.stringify writes it', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const length = JSON.stringify(value).length;
        expect(fitsInChars(value, length)).toBe(true);
        expect(fitsInChars(value, length - 1)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the small answered queries of the page and leaves out one too large to store', () => {
    const dataVersion = 7;
    const small: Row[] = [{ hires: 120, median_days: 34.5, label: 'ler:looks like a tag' }];
    const bootstrap: Row[] = [{ estimate: 0.042, draws: Array.from({ length: 300_000 }, (_, i) => i / 7) }];
    const queries = [
      ['SELECT small', small],
      ['SELECT bootstrap', bootstrap],
    ] as const;
    const observers = queries.map(([sql, rows]) => {
      queryClient.setQueryData(sqlKey(dataVersion, sql), rows);
      // Fresh data under an observer: what a page showing the figure holds, with nothing fetched again.
      return new QueryObserver(queryClient, { queryKey: sqlKey(dataVersion, sql), queryFn: () => rows, staleTime: Infinity }).subscribe(
        () => {},
      );
    });
    const catalogue = { counts: { ...EMPTY_COUNTS, employers: 1, hires: 120 }, contributions: [], latestDate: null, dataId: 'd1' };
    const snapshot = captureSnapshot(dataVersion, { dataId: 'd1', catalogue, aggregatesAsOf: null });
    observers.forEach((unsubscribe) => unsubscribe());
    expect(snapshot?.queries).toEqual([['SELECT small', small]]);
    expect(decodeSnapshot(encodeSnapshot(snapshot as NonNullable<typeof snapshot>))).toEqual(snapshot);
  });
});
