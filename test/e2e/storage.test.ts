import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { formatCount } from '../../src/components/format';
import { FIXTURES, SAMPLE_FILES } from '../support/files';
import { readPlainCsv } from '../support/plain-csv';
import { ARTIFACTS, dataOpened, openSession, type Session } from './chromium';

/**
 * Keeping data in the browser (OPFS) and the faults around it: reload, delete, no OPFS, a full quota,
 * a second tab, a wasm bundle that fails to load, a worker that crashes, and a reload in the middle of
 * a load. Each case opens its own fresh Chromium profile.
 */
const baseUrl = inject('baseUrl');
const sampleHires = readPlainCsv(SAMPLE_FILES[1] ?? '').length;
const sampleEmployers = readPlainCsv(SAMPLE_FILES[0] ?? '').length;
const FIXTURE_EMPLOYERS = readPlainCsv(path.join(FIXTURES, 'employers.csv')).length;

let sessions: Session[] = [];
async function open(): Promise<Session> {
  const session = await openSession(baseUrl);
  sessions.push(session);
  return session;
}
afterEach(async () => {
  for (const s of sessions) await s.close();
  sessions = [];
});

const summary = (page: Page, employers: number, hires: number) =>
  page.getByText(`${formatCount(employers)} employers · ${formatCount(hires)} hires ·`);
const toDataPage = (page: Page) => page.getByRole('link', { name: 'Data' }).click();
async function waitForSample(page: Page) {
  await dataOpened(page);
  await toDataPage(page);
  await expect.poll(() => summary(page, sampleEmployers, sampleHires).isVisible(), { timeout: 90_000 }).toBe(true);
}
/** Names and sizes of the files in this origin's private file system. */
const opfsFiles = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const files: Record<string, number> = {};
    for await (const [name, handle] of root as unknown as AsyncIterable<[string, FileSystemHandle]>) {
      if (handle.kind === 'file') files[name] = (await (handle as FileSystemFileHandle).getFile()).size;
    }
    return files;
  });

describe('data kept in this browser', () => {
  it('survives a reload, says where it is kept, and "Delete all data" really deletes it', async () => {
    const { page, errors, external } = await open();
    await page.goto(baseUrl);
    await waitForSample(page);
    await expect.poll(() => page.getByText('Data stored in this browser').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Stored in this browser.').isVisible()).toBe(true);

    // Replace the sample with a small file of our own, then reload: that file's rows are still there,
    // and the sample is not loaded over them.
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await expect.poll(() => summary(page, 0, 0).isVisible()).toBe(true);
    await page.getByLabel('CSV files to load').setInputFiles(path.join(FIXTURES, 'employers.csv'));
    await expect.poll(() => summary(page, FIXTURE_EMPLOYERS, 0).isVisible()).toBe(true);
    await page.reload();
    await dataOpened(page);
    await toDataPage(page);
    await expect.poll(() => summary(page, FIXTURE_EMPLOYERS, 0).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByText('Data stored in this browser').isVisible()).toBe(true);
    const stored = await opfsFiles(page);
    expect(Object.keys(stored)).toContain('ler-outcomes.duckdb');

    await page.evaluate(() => localStorage.setItem('ler-outcomes/saved-queries@1', JSON.stringify([{ name: 'mine', sql: 'SELECT 1' }])));
    await page.getByRole('button', { name: 'Delete all data…' }).click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'delete-all-data.png'), fullPage: true });
    await page.getByRole('button', { name: 'Delete everything' }).click();
    // Done either way, then no failure: a failed deletion says why in an alert, which the assertion then shows.
    const alerts = page.getByRole('alert');
    await expect.poll(async () => (await summary(page, 0, 0).isVisible()) || (await alerts.count()) > 0, { timeout: 60_000 }).toBe(true);
    expect(await alerts.allInnerTexts()).toEqual([]);
    expect(await summary(page, 0, 0).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Engine ready').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByText('All data was deleted from this browser.').isVisible()).toBe(true);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k !== 'ler-outcomes/sample-declined'))).toEqual([]);

    // After a reload nothing comes back: not the file's rows, and not the sample the user deleted.
    await page.reload();
    await dataOpened(page);
    await toDataPage(page);
    await expect.poll(() => page.getByText('Engine ready').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => summary(page, 0, 0).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('works in memory, and says why, when the browser has no OPFS', async () => {
    const { page, context } = await open();
    await context.addInitScript(() => {
      delete (StorageManager.prototype as Partial<StorageManager>).getDirectory;
    });
    await page.goto(baseUrl);
    await waitForSample(page);
    await expect.poll(() => page.getByText('Data in memory only').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('offers no private file storage (OPFS)').isVisible()).toBe(true);
  });

  it('works in memory, and says why, when the storage quota is full', async () => {
    const { page, context } = await open();
    // Chromium's headless quota is about 10 GB and its CDP quota override did not reach estimate() here, so the estimate is replaced.
    await context.addInitScript(() => {
      StorageManager.prototype.estimate = async () => ({ quota: 60 * 1024 * 1024, usage: 55 * 1024 * 1024 });
    });
    await page.goto(baseUrl);
    await waitForSample(page);
    await expect.poll(() => page.getByText('Data in memory only').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/storage for this site is nearly full/).isVisible()).toBe(true);
  });

  it('lets a second tab work in memory while the first keeps the stored data', async () => {
    const { page, context } = await open();
    await page.goto(baseUrl);
    await waitForSample(page);
    const second = await context.newPage();
    await second.goto(baseUrl);
    await waitForSample(second);
    await expect.poll(() => second.getByText('Another tab of this app has the stored data open').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Data stored in this browser').isVisible()).toBe(true);
  });
});

describe('offline', () => {
  it('after the first visit, reloads and works with the network cut off', async () => {
    const { page, context } = await open();
    await page.goto(baseUrl);
    await waitForSample(page);
    // The service worker has cached the app, the engine and the sample data once it controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('ler-outcomes-')) ?? '');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/');
    expect(cached.some((p) => /duckdb-eh.*\.wasm$/.test(p))).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'LER Outcomes' }).waitFor();
    await expect.poll(() => page.getByText('Engine ready').isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('link', { name: 'Hiring' }).click();
    await page.getByRole('article').first().waitFor({ timeout: 60_000 });
    await toDataPage(page);
    await expect.poll(() => summary(page, sampleEmployers, sampleHires).isVisible(), { timeout: 60_000 }).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'offline-reload.png'), fullPage: true });
  });
});

describe('engine faults', () => {
  it('reports a wasm bundle that fails to load, and Retry starts the engine', async () => {
    const { page, context } = await open();
    await context.route('**/*.wasm', (route) => route.abort());
    await page.goto(baseUrl);
    const alert = page.getByRole('alert').filter({ hasText: 'The analysis engine is not running' });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(/The engine file duckdb-(eh|mvp)\S*\.wasm could not be downloaded/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'engine-failed.png') });
    await context.unroute('**/*.wasm');
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForSample(page);
    await expect.poll(() => alert.count()).toBe(0);
  });

  it('reports a crashed worker, and Retry brings the stored data back', async () => {
    const { page } = await open();
    await page.goto(baseUrl);
    await waitForSample(page);
    const worker = page.workers().find((w) => w.url().includes('duckdb'));
    if (!worker) throw new Error('no DuckDB worker in the page');
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    await page.getByRole('alert').filter({ hasText: 'stopped unexpectedly' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByText('Engine ready').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => summary(page, sampleEmployers, sampleHires).isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect
      .poll(() => page.getByRole('article', { name: 'Adoption' }).innerText(), { timeout: 20_000 })
      .toContain(`of n = ${formatCount(sampleHires)} hires`);
  });

  it('keeps nothing of a file when the page reloads in the middle of its load', async () => {
    const { page } = await open();
    await page.goto(baseUrl);
    await waitForSample(page);
    // Every date reads as M/D and as D/M, so the load stops half-way, read and staged but not saved, to
    // ask which: the reload lands in the middle of the load every time.
    const rows = 50_000;
    const lines = ['hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified'];
    for (let i = 0; i < rows; i++) lines.push(`X${i},E001,01/02/2024,02/03/2024,03/04/2024,${i % 2 === 0 ? 'yes' : 'no'}`);
    await page
      .getByLabel('CSV files to load')
      .setInputFiles({ name: 'big-hires.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
    await page.getByRole('heading', { name: 'How are the dates in big-hires.csv written?' }).waitFor({ timeout: 60_000 });
    await page.reload();
    await dataOpened(page);
    await toDataPage(page);
    await expect.poll(() => page.getByText('Engine ready').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => summary(page, sampleEmployers, sampleHires).isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('link', { name: 'SQL', exact: true }).click();
    const schema = page.getByRole('navigation', { name: 'Schema' });
    await expect.poll(() => schema.innerText()).toContain(`hires ${formatCount(sampleHires)} rows`);
    // The cut-short load's tables (in the stored database, see HELD_PREFIXES) were dropped as the data opened.
    const editor = page.getByRole('textbox', { name: 'SQL query' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await editor.pressSequentially(
      "SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, '__ler_stage_') OR starts_with(table_name, '__ler_checked_')",
    );
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.sql-result [role=status]').innerText()).toMatch(/^0 rows · 1 column/);
  });
});
