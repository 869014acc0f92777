import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { createAppStore } from '../../src/store/app-store';
import { engineReady, startEngine, stopEngine } from '../../src/store/engine-slice';
import { fileFrom, SAMPLE_FILES } from '../support/files';

describe('the catalogue’s pre-aggregated hires', () => {
  it('are built for the latest date after a load, and a failed build leaves the metrics on the rows instead of failing the load', async () => {
    const store = createAppStore();
    await startEngine(createNodeEngine, store.getState().setEngineStatus);
    await store.getState().loadFiles(SAMPLE_FILES.map(fileFrom), 'Loading the sample');
    // The data is usable at once, on the rows; the aggregates follow in the background.
    expect(store.getState().activity).toEqual({ state: 'idle' });
    expect(store.getState().counts.hires).toBeGreaterThan(0);
    expect(store.getState().aggregatesAsOf).toBeNull();
    await store.getState().whenAggregated();
    const loaded = store.getState();
    expect(loaded.latestDate).not.toBeNull();
    expect(loaded.aggregatesAsOf).toBe(loaded.latestDate);
    const engine = await engineReady();
    expect(await engine.query('SELECT count(*) AS n FROM __ler_agg_tenure_by_industry_occupation_grp')).not.toEqual([{ n: 0 }]);
    // Nothing is pooled, so the pool's tables are not built (the metrics read only the rows).
    const built = (prefix: string) =>
      engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE starts_with(table_name, '${prefix}')`).then(([r]) => Number(r?.n));
    expect(await built('__ler_pool_agg_')).toBe(0);
    expect(await built('__ler_agg_')).toBeGreaterThan(10);

    // The views and the latest date do not read training.person_id; the upskilling aggregates do.
    await engine.exec('ALTER TABLE training RENAME COLUMN person_id TO pid');
    await store.getState().refreshCatalogue();
    await store.getState().whenAggregated();
    const changed = store.getState();
    expect(changed.activity).toEqual({ state: 'idle' });
    expect(changed.dataVersion).toBe(loaded.dataVersion + 1);
    expect(changed.aggregatesAsOf).toBeNull();
    expect(await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_ler\\_agg%' ESCAPE '\\'`)).toEqual([
      { n: 0 },
    ]);

    await engine.exec('ALTER TABLE training RENAME COLUMN pid TO person_id');
    await store.getState().refreshCatalogue();
    await store.getState().whenAggregated();
    expect(store.getState().aggregatesAsOf).toBe(loaded.latestDate);
  });

  it('are not used when the data changed again while they were built: the newer change builds its own', async () => {
    // Orchestration only: the engine is real, but the build's statements wait until the test lets them go,
    // so the data can change while the build is under way.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = async (): Promise<Engine> => {
      const engine = await createNodeEngine();
      return {
        ...engine,
        exec: async (sql) => (sql.startsWith('CREATE OR REPLACE TABLE __ler_agg_') ? gate.then(() => engine.exec(sql)) : engine.exec(sql)),
      };
    };
    const store = createAppStore();
    await stopEngine();
    await startEngine(gated, store.getState().setEngineStatus);
    await store.getState().loadFiles(SAMPLE_FILES.map(fileFrom), 'Loading the sample');
    const overtaken = store.getState().whenAggregated();
    await store.getState().clearData();
    release();
    await overtaken;
    await store.getState().whenAggregated();
    expect(store.getState().counts.hires).toBe(0);
    expect(store.getState().aggregatesAsOf).toBeNull();

    await store.getState().loadFiles(SAMPLE_FILES.map(fileFrom), 'Loading the sample');
    await store.getState().whenAggregated();
    expect(store.getState().aggregatesAsOf).toBe(store.getState().latestDate);
  });
});
