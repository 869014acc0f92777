import { describe, expect, it } from 'vitest';
import { createAppStore, selectAsOf } from '../../src/store/app-store';
import { DEFAULT_K } from '../../src/metrics/settings';

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
