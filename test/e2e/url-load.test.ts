import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FIXTURES } from '../support/files';
import { readPlainCsv } from '../support/plain-csv';
import { startRangeServer, type RangeServer } from '../support/range-server';
import { ARTIFACTS, openSession, type Session } from './chromium';

/**
 * Loading a data file by URL: a local server on another origin stands in for the address a user types.
 * Parquet must arrive by range requests; the app may contact that origin and no other.
 */
const baseUrl = inject('baseUrl');
let server: RangeServer;
let session: Session;

beforeAll(async () => {
  server = await startRangeServer(FIXTURES);
  session = await openSession(baseUrl, undefined, [server.origin]);
  await session.page.goto(baseUrl);
  await session.page.getByRole('link', { name: 'Data' }).click();
  await session.page.getByRole('button', { name: 'Clear all data' }).click({ timeout: 90_000 });
  await session.page.getByLabel('CSV files to load').setInputFiles(path.join(FIXTURES, 'employers.csv'));
  const employers = readPlainCsv(path.join(FIXTURES, 'employers.csv')).length;
  await session.page.getByText(`${employers} employers · 0 hires`).waitFor({ timeout: 30_000 });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

const fileRow = (name: string) =>
  session.page.getByRole('table', { name: 'Files loaded' }).getByRole('row', { name: new RegExp(`^${name.replace('.', '\\.')}`) });

async function loadUrl(url: string) {
  await session.page.getByLabel('Data file URL (CSV or Parquet)').fill(url);
  await session.page.getByRole('button', { name: 'Load from URL' }).click();
}

describe('loading a data file by URL', () => {
  it('reads a Parquet file by range requests and loads it like a local one', async () => {
    server.requests.length = 0;
    await loadUrl(`${server.origin}/formats/hires.parquet`);
    // The fixture's four rows, worked out in test/integration/formats.test.ts: two load, two break a rule.
    await expect
      .poll(
        () =>
          fileRow('hires.parquet')
            .locator('td')
            .nth(0)
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('hires');
    expect((await fileRow('hires.parquet').locator('td').allInnerTexts()).slice(0, 4)).toEqual(['hires', '4', '2', '2']);
    const gets = server.requests.filter((r) => r.method === 'GET' && r.path === '/formats/hires.parquet');
    expect(gets.length).toBeGreaterThan(1);
    for (const get of gets) expect(get.range).toMatch(/^bytes=\d+-\d+$/);
    await session.page.screenshot({ path: path.join(ARTIFACTS, 'url-load.png'), fullPage: true });
  });

  it('downloads a CSV and loads it, reporting its rejected rows', async () => {
    await loadUrl(`${server.origin}/hires-bad.csv`);
    await expect
      .poll(
        () =>
          fileRow('hires-bad.csv')
            .locator('td')
            .nth(0)
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('hires');
    expect((await fileRow('hires-bad.csv').locator('td').allInnerTexts()).slice(0, 4)).toEqual(['hires', '10', '2', '8']);
  });

  it('says what went wrong with an address that does not serve a file', async () => {
    await loadUrl(`${server.origin}/no-such-file.csv`);
    await expect.poll(() => session.page.getByRole('alert').filter({ hasText: 'answered HTTP 404' }).isVisible()).toBe(true);
  });

  it('contacted the typed origin and no other, and logged no errors but the 404', () => {
    expect(session.external).toEqual([]);
    expect(new Set(session.allowed.map((u) => new URL(u).origin))).toEqual(new Set([server.origin]));
    expect(session.errors.filter((e) => !e.includes('404'))).toEqual([]);
  });
});
