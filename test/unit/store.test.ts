import { describe, expect, it } from 'vitest';
import { createAppStore, selectAsOf } from '../../src/store/app-store';
import type { Engine } from '../../src/engine/engine';
import { DEFAULT_K } from '../../src/metrics/settings';
import { startEngine } from '../../src/store/engine-slice';

describe('the app store', () => {
  it('uses the latest date in the data until the user picks an as-of date', () => {
    const store = createAppStore();
    store.setState({ latestDate: '2025-12-31' });
    expect(selectAsOf(store.getState())).toBe('2025-12-31');
    store.getState().setAsOfOverride('2024-06-30');
    expect(selectAsOf(store.getState())).toBe('2024-06-30');
    store.getState().setAsOfOverride(null);
    expect(selectAsOf(store.getState())).toBe('2025-12-31');
  });

  it('keeps the suppression threshold a positive whole number', () => {
    const store = createAppStore();
    store.getState().setSuppressionK(5);
    expect(store.getState().suppressionK).toBe(5);
    for (const bad of [0, -3, 2.5, Number.NaN]) {
      store.getState().setSuppressionK(bad);
      expect(store.getState().suppressionK).toBe(DEFAULT_K);
    }
  });

  it('reports a load attempted before the engine started as a failure, not a crash', async () => {
    const store = createAppStore();
    await store.getState().loadFiles([], 'Loading nothing');
    expect(store.getState().activity).toEqual({ state: 'failed', reason: 'The engine has not been started.' });
  });
});

describe('engine start-up as state', () => {
  it('reports loading, then the failure with its reason, and can be retried', async () => {
    const store = createAppStore();
    expect(store.getState().engine).toEqual({ state: 'loading' });
    const failing = startEngine(() => Promise.reject(new Error('wasm could not be compiled')), store.getState().setEngineStatus);
    await expect(failing).rejects.toThrow('wasm could not be compiled');
    expect(store.getState().engine).toEqual({ state: 'failed', reason: 'wasm could not be compiled' });
    const engine = { version: async () => 'v-test' } as unknown as Engine;
    await startEngine(async () => engine, store.getState().setEngineStatus);
    expect(store.getState().engine).toEqual({ state: 'ready', version: 'v-test' });
  });
});
