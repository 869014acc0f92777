import type { Page } from 'playwright-core';
import { isSettled } from '../bench/in-page';
import { SNAPSHOT_KEY } from '../../src/store/figure-snapshot';

/** Waits until the page has its figures from the engine, aggregates built, and returns the snapshot the app saves of them. */
export async function savedSnapshot(page: Page): Promise<string> {
  await page.waitForFunction(() => performance.getEntriesByName('ler:aggregates-built').length > 0, undefined, { timeout: 120_000 });
  await page.waitForFunction(isSettled, undefined, { timeout: 60_000, polling: 100 });
  const saved = await page.evaluate((key) => {
    // The app saves as the page is left; this saves now rather than after its quiet second.
    window.dispatchEvent(new Event('pagehide'));
    return localStorage.getItem(key);
  }, SNAPSHOT_KEY);
  if (saved === null) throw new Error('the app saved no snapshot of its figures');
  return saved;
}
