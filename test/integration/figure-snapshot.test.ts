import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node-engine';
import { createAppStore } from '../../src/store/app-store';
import { engineReady, startEngine, stopEngine } from '../../src/store/engine-slice';
import { decodeSnapshot, encodeSnapshot, type FigureSnapshot } from '../../src/store/figure-snapshot';
import { queryClient, sqlKey } from '../../src/store/query-client';
import { fileFrom, SAMPLE_FILES } from '../support/files';

afterAll(() => stopEngine());

const FIGURES_SQL = 'SELECT count(*) AS hires FROM hires';

describe('the figures saved for the next visit', () => {
  it('keep NaN and ±Infinity, which JSON cannot hold, and text that looks like their tags', () => {
    const snapshot: FigureSnapshot = {
      format: 1,
      dataId: 'x',
      catalogue: { counts: { employers: 1, hires: 2, training: 0, rejected: 0 }, contributions: [], latestDate: '2025-12-31', dataId: 'x' },
      aggregatesAsOf: null,
      queries: [['SELECT 1', [{ a: Number.NaN, b: Infinity, c: -Infinity, d: 0.1 + 0.2, e: 'ler:non-finite:NaN is text' }]]],
    };
    const back = decodeSnapshot(encodeSnapshot(snapshot));
    expect(back?.queries[0]?.[1]).toEqual([
      { a: Number.NaN, b: Infinity, c: -Infinity, d: 0.30000000000000004, e: 'ler:non-finite:NaN is text' },
    ]);
    expect(decodeSnapshot('{"format":2}')).toBeNull();
  });

  it('show until the engine opens the data: kept when it is the data they were saved for, dropped when it is not', async () => {
    const loading = createAppStore();
    await startEngine(createNodeEngine, loading.getState().setEngineStatus);
    await loading.getState().loadFiles(SAMPLE_FILES.map(fileFrom), 'Loading the sample');
    const { dataId, counts, contributions, latestDate } = loading.getState();
    expect(dataId).toMatch(/^[0-9a-f]{32}$/);
    const [live] = await (await engineReady()).query(FIGURES_SQL);
    const saved = (id: string): FigureSnapshot => ({
      format: 1,
      dataId: id,
      catalogue: { counts, contributions, latestDate, dataId: id },
      aggregatesAsOf: null,
      queries: [[FIGURES_SQL, [{ hires: 1 }]]],
    });

    for (const [id, kept] of [
      [dataId ?? '', true],
      ['other data', false],
    ] as const) {
      const visit = createAppStore();
      visit.getState().showSnapshot(saved(id));
      const shown = visit.getState().snapshot;
      expect(shown).toEqual({ dataVersion: 1, dataId: id });
      expect(visit.getState().counts).toEqual(counts);
      expect(queryClient.getQueryData(sqlKey(1, FIGURES_SQL))).toEqual([{ hires: 1 }]);
      await visit.getState().openStoredData();
      expect(visit.getState().dataId).toBe(dataId);
      expect(visit.getState().dataVersion).toBe(2);
      expect(visit.getState().snapshot).toEqual(kept ? shown : null);
      expect(queryClient.getQueryData(sqlKey(1, FIGURES_SQL))).toEqual(kept ? [{ hires: 1 }] : undefined);
      queryClient.clear();
    }
    expect(live?.hires).toBe(counts.hires);
  });

  it('a load or a change to the data names it afresh', async () => {
    const store = createAppStore();
    await store.getState().openStoredData();
    const before = store.getState().dataId;
    await store.getState().refreshCatalogue();
    const after = store.getState().dataId;
    expect(before).not.toBeNull();
    expect(after).toMatch(/^[0-9a-f]{32}$/);
    expect(after).not.toBe(before);
  });
});
