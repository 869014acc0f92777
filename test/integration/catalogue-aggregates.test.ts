import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node-engine';
import { createAppStore } from '../../src/store/app-store';
import { engineReady, startEngine } from '../../src/store/engine-slice';
import { fileFrom, SAMPLE_FILES } from '../support/files';

describe('the catalogue’s pre-aggregated hires', () => {
  it('are built for the latest date after a load, and a failed build leaves the metrics on the rows instead of failing the load', async () => {
    const store = createAppStore();
    await startEngine(createNodeEngine, store.getState().setEngineStatus);
    await store.getState().loadFiles(SAMPLE_FILES.map(fileFrom), 'Loading the sample');
    const loaded = store.getState();
    expect(loaded.activity).toEqual({ state: 'idle' });
    expect(loaded.latestDate).not.toBeNull();
    expect(loaded.aggregatesAsOf).toBe(loaded.latestDate);
    const engine = await engineReady();
    expect(await engine.query('SELECT count(*) AS n FROM __ler_agg_tenure')).not.toEqual([{ n: 0 }]);

    // The views and the latest date do not read training.person_id; the upskilling aggregates do.
    await engine.exec('ALTER TABLE training RENAME COLUMN person_id TO pid');
    await store.getState().refreshCatalogue();
    const changed = store.getState();
    expect(changed.activity).toEqual({ state: 'idle' });
    expect(changed.dataVersion).toBe(loaded.dataVersion + 1);
    expect(changed.aggregatesAsOf).toBeNull();
    expect(await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_ler\\_agg%' ESCAPE '\\'`)).toEqual([{ n: 0 }]);

    await engine.exec('ALTER TABLE training RENAME COLUMN pid TO person_id');
    await store.getState().refreshCatalogue();
    expect(store.getState().aggregatesAsOf).toBe(loaded.latestDate);
  });
});
