import type { StartupStep as EngineStartupStep } from '../engine/open-database';

/**
 * Marks each step of start-up on the page's performance timeline (DevTools' Performance panel shows them;
 * the cold-open bench reads them) so that the time to a first figure can be broken down.
 */
export type StartupStep = EngineStartupStep | 'engine-code' | 'engine-ready' | 'stored-data-opened' | 'sample-loaded' | 'aggregates-built';

export function markStartup(step: StartupStep): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(`ler:${step}`).length === 0) performance.mark(`ler:${step}`);
}
