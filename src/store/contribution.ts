import { buildContribution, type TableReport } from '../contribution/build';
import type { Contribution } from '../contribution/document';
import { engineReady } from './engine-slice';
import { runEngineWork } from './query-client';

/**
 * Makes the contribution file of the rows loaded in this tab (contributions pooled here are not part of
 * it), as the "Share with a pilot" panel previews and saves it. Nothing leaves the tab.
 */
export function prepareContribution(options: {
  asOf: string;
  k: number;
  pilotCode: string | null;
}): Promise<{ document: Contribution; report: TableReport[] }> {
  return runEngineWork(async () => buildContribution(await engineReady(), { ...options, producer: 'LER Outcomes (browser)' }));
}
