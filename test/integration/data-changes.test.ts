import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeEngine } from '../../src/engine/node-engine';
import { createAppStore } from '../../src/store/app-store';
import { SAMPLE_REPLACED } from '../../src/store/batch-outcome';
import { engineReady, startEngine, stopEngine } from '../../src/store/engine-slice';
import { SAMPLE_DATA_ID } from '../../src/ingest/tables';
import { FIXTURES, fileFrom, SAMPLE } from '../support/files';

// Orchestration only: the app fetches the sample from its own origin, here read from disk.
const servedFromDisk = async (url: string) => new Response(readFileSync(path.join(SAMPLE, path.basename(url))));

const sampleHires = readFileSync(path.join(SAMPLE, 'hires.csv'), 'utf8').trim().split('\n').length - 1;

async function startedStore() {
  vi.stubGlobal('fetch', servedFromDisk);
  await stopEngine();
  const store = createAppStore();
  await startEngine(createNodeEngine, store.getState().setEngineStatus);
  // As at start-up (src/app/boot.ts): what is stored is opened, then the sample loads.
  await store.getState().openStoredData({ sampleFollows: true });
  return store;
}

describe('changes to the data', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await stopEngine();
  });

  it('run one at a time: files dropped while the sample loads wait for it, then replace it', async () => {
    const store = await startedStore();
    const sample = store.getState().loadSample();
    await vi.waitFor(() => expect(store.getState().activity).toMatchObject({ state: 'loading', what: 'Loading sample data' }));
    const own = store.getState().loadFiles([fileFrom(path.join(FIXTURES, 'employers.csv'))], 'Loading files');
    await Promise.all([sample, own]);
    const state = store.getState();
    expect(state.activity).toEqual({ state: 'done', message: SAMPLE_REPLACED });
    // The fixture's employers, counted by hand: E1 and E2 and nothing of the sample's 60.
    const employers = readFileSync(path.join(FIXTURES, 'employers.csv'), 'utf8').trim().split('\n').length - 1;
    expect(state.counts).toMatchObject({ employers, hires: 0, training: 0 });
    expect(state.dataId).not.toBe(SAMPLE_DATA_ID);
    expect(state.reports.map((r) => [r.file, r.rowsRejected])).toEqual([['employers.csv', 0]]);
  });

  it('the sample loaded over the sample reloads it whole, still named the sample', async () => {
    const store = await startedStore();
    await store.getState().loadSample();
    const first = store.getState();
    expect(first.dataId).toBe(SAMPLE_DATA_ID);
    expect(first.counts.hires).toBe(sampleHires);
    await store.getState().loadSample();
    const again = store.getState();
    expect(again.activity).toEqual({ state: 'idle' });
    expect(again.dataId).toBe(SAMPLE_DATA_ID);
    expect(again.counts).toEqual(first.counts);
    expect(again.reports.map((r) => r.rowsRejected)).toEqual([0, 0, 0]);
  });

  it('leave nothing of a load cut short: its tables are dropped when the data is opened again', async () => {
    const store = await startedStore();
    const engine = await engineReady();
    const tables = async () =>
      (await engine.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`)).map(
        (t) => t.name,
      );
    const before = await tables();
    // What a tab closed in the middle of a load leaves in the stored database, beside a table of the user's own.
    await engine.exec('CREATE TABLE __ler_stage_1 (x VARCHAR); CREATE TABLE __ler_checked_2 (x VARCHAR); CREATE TABLE notes (x VARCHAR);');
    await store.getState().openStoredData();
    expect(await tables()).toEqual([...before, 'notes'].sort());
  });
});
