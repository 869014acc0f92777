import { describe, expect, it } from 'vitest';
import { createAppStore, selectAsOf } from '../../src/store/app-store';
import type { Engine } from '../../src/engine/engine';
import { DEFAULT_K } from '../../src/metrics/settings';
import { startEngine } from '../../src/store/engine-slice';
import { DEFAULT_CASE } from '../../src/store/business-case-slice';
import { DEFAULT_PLAN, type PlanSettings } from '../../src/store/plan-slice';
import { fromUrl, toUrl, type UrlState } from '../../src/store/url-state';

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

describe('a planned pilot in the address bar', () => {
  const state = (plan: Partial<PlanSettings>): UrlState => ({
    page: 'plan',
    filters: {},
    asOfOverride: null,
    suppressionK: DEFAULT_K,
    businessCase: DEFAULT_CASE,
    plan: { ...DEFAULT_PLAN, ...plan },
  });

  it('writes only what differs from the defaults and reads it back', () => {
    expect(toUrl(state({}))).toBe('/plan');
    const planned = state({ outcome: 'retained_365', employers: 120, adopting: 0.25, before: 2, after: 6, effect: 1.5, sd: 4, rho: -0.2 });
    const url = toUrl(planned);
    expect(url).toBe('/plan?outcome=retention&employers=120&adopting=0.25&before=2&after=6&effect=1.5&sd=4&rho=-0.2');
    const [pathname, search] = url.split('?');
    expect(fromUrl(pathname ?? '', `?${search ?? ''}`).plan).toEqual(planned.plan);
  });

  it('falls back to the default for a value the setting cannot take', () => {
    const plan = fromUrl('/plan', '?employers=2.5&adopting=1&before=0&after=41&effect=-3&sd=0&rho=1&outcome=other').plan;
    expect(plan).toEqual(DEFAULT_PLAN);
  });
});
