import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, dataOpened, openSession, type Session } from './chromium';
import { SAMPLE_FILES } from '../support/files';
import { readPlainCsv } from '../support/plain-csv';

const baseUrl = inject('baseUrl');
let session: Session;

beforeAll(async () => {
  session = await openSession(baseUrl);
  await session.page.goto(baseUrl);
  await dataOpened(session.page);
  await session.page.getByRole('link', { name: 'SQL', exact: true }).click();
  await session.page.getByRole('textbox', { name: 'SQL query' }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await session?.close();
});

async function typeQuery(sql: string) {
  const editor = session.page.getByRole('textbox', { name: 'SQL query' });
  await editor.click();
  await session.page.keyboard.press('ControlOrMeta+a');
  await session.page.keyboard.press('Delete');
  await editor.pressSequentially(sql);
}

const status = () => session.page.locator('.sql-result [role=status]').innerText();

describe('the SQL workbench', () => {
  it('lists tables with row counts and the derived views', async () => {
    const schema = session.page.getByRole('navigation', { name: 'Schema' });
    await expect.poll(() => schema.innerText()).toContain('48,368 rows');
    const text = await schema.innerText();
    expect(text).toContain('hire_outcomes');
    expect(text).toContain('employer_cohorts');
  });

  it('runs a typed query with Ctrl+Enter and shows rows, types and time', async () => {
    await typeQuery('SELECT grp, count(*) AS hires, avg(time_to_fill_days) AS mean_ttf FROM hire_outcomes GROUP BY grp ORDER BY grp');
    await session.page.keyboard.press('Control+Enter');
    await expect.poll(status).toMatch(/^2 rows · 3 columns · \d+ ms$/);
    const grid = session.page.getByRole('table', { name: 'Query result' });
    const header = await grid.getByRole('columnheader').allInnerTexts();
    expect(header.map((h) => h.replace(/\s+/g, ' '))).toEqual(['#', 'grp VARCHAR', 'hires BIGINT', 'mean_ttf DOUBLE']);
    const first = await grid.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
    expect(first.slice(0, 3)).toEqual(['1', 'ler', '9088']);
  });

  it('exports the result as spreadsheet-safe CSV and as Parquet', async () => {
    const { page } = session;
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('grp,hires,mean_ttf');
    expect(csv[1]?.startsWith('ler,9088,')).toBe(true);
    const parquetDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Parquet' }).click();
    const bytes = readFileSync(await (await parquetDownload).path());
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows.map((r) => [r.grp, r.hires])).toEqual([
      ['ler', 9088],
      ['non_ler', 39280],
    ]);
  });

  it('warns before exporting rows that point at fewer than k people, and exports only when told to', async () => {
    const { page } = session;
    // Worked out from the sample files in plain JavaScript: employer × occupation × region cells under k = 10 hires.
    const regionOf = new Map(readPlainCsv(SAMPLE_FILES[0] ?? '').map((e) => [e.employer_id, e.region]));
    const cells = new Map<string, number>();
    for (const h of readPlainCsv(SAMPLE_FILES[1] ?? '')) {
      const key = `${h.employer_id}|${h.occupation}|${regionOf.get(h.employer_id ?? '')}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    const rare = [...cells.values()].filter((n) => n < 10).length;
    expect(rare).toBeGreaterThan(1);
    await typeQuery(
      'SELECT h.employer_id, h.occupation, e.region FROM hires h JOIN employers e USING (employer_id) GROUP BY ALL HAVING count(*) < 10',
    );
    await page.keyboard.press('Control+Enter');
    await expect.poll(status).toMatch(new RegExp(`^${rare} rows · 3 columns`));
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'This export may identify people' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(
      `${rare} rows name a combination of employer_id, occupation, region that fewer than 10 hires in the loaded data share`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'disclosure-warning.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(downloads).toBe(0);

    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export anyway' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv).toHaveLength(rare + 1);

    await typeQuery('SELECT 3 AS n');
    await page.keyboard.press('Control+Enter');
    await expect.poll(status).toMatch(/^1 row/);
    await page.getByRole('button', { name: 'Export Parquet' }).click();
    await expect.poll(() => dialog.innerText()).toContain('1 row of column “n” counts fewer than 10 people (the smallest is 3).');
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    expect(downloads).toBe(1);
  });

  it('scrolls a 100,000-row result, drawing only the rows in view', async () => {
    const { page } = session;
    await typeQuery('SELECT i, i * 2 AS twice FROM range(100000) t(i)');
    await page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^100,000 rows/);
    const grid = page.locator('.grid-scroll');
    expect(await page.locator('.grid-row').count()).toBeLessThan(80);
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.getByRole('cell', { name: '99999', exact: true }).count()).toBeGreaterThan(0);
  });

  it('shows DuckDB’s message for a bad query and refuses a write until editing is unlocked', async () => {
    const { page } = session;
    await typeQuery('SELECT no_such_column FROM hires');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.sql-error').innerText()).toMatch(/Binder Error.*no_such_column/s);
    await typeQuery("DELETE FROM hires WHERE employer_id = 'E001'");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('.sql-error').innerText()).toContain('was not run');
    await typeQuery('SELECT count(*) AS n FROM hires');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByRole('table', { name: 'Query result' }).getByRole('cell').nth(1).innerText()).toBe('48368');
  });

  it('runs a statement that changes data once editing is unlocked, and the schema shows it', async () => {
    const { page } = session;
    await page.getByLabel('Allow statements that change data').check();
    await typeQuery('CREATE TABLE analyst_notes AS SELECT 1 AS x');
    await page.keyboard.press('Control+Enter');
    const schema = page.getByRole('navigation', { name: 'Schema' });
    await expect.poll(() => schema.innerText()).toContain('analyst_notes');
    await page.getByLabel('Allow statements that change data').uncheck();
  });

  it('cancels a long query and stays usable', async () => {
    const { page } = session;
    await typeQuery('SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b');
    await page.getByRole('button', { name: /^Run/ }).click();
    await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 10_000 });
    await expect.poll(() => page.locator('.sql-error').innerText(), { timeout: 30_000 }).toMatch(/cancel|interrupt/i);
    await typeQuery('SELECT 42 AS answer');
    await page.keyboard.press('Control+Enter');
    await expect.poll(status).toMatch(/^1 rows/);
  });

  it('opens a chart’s query from the dashboard, ready to run', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Pilot outcomes' }).click();
    const card = page.getByRole('article', { name: 'Event study: time-to-fill by quarters since adoption' });
    await card.getByRole('button', { name: 'Open in SQL page' }).click({ timeout: 60_000 });
    await expect.poll(() => new URL(page.url()).pathname).toBe('/sql');
    expect(await page.getByRole('textbox', { name: 'SQL query' }).innerText()).toContain('WITH cells AS');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('textbox', { name: 'SQL query' }).click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(status, { timeout: 30_000 }).toMatch(/^1 rows · 6 columns/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-sql-desktop.png'), fullPage: true });
  });

  it('shows, on a view whose query fails, the message and the SQL that failed', async () => {
    const { page } = session;
    const schema = page.getByRole('navigation', { name: 'Schema' });
    const rename = async (from: string, to: string) => {
      await page.getByRole('link', { name: 'SQL', exact: true }).click();
      await page.getByLabel('Allow statements that change data').check();
      await typeQuery(`ALTER TABLE training RENAME COLUMN ${from} TO ${to}`);
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => schema.innerText(), { timeout: 30_000 }).toMatch(new RegExp(`\\n${to} DOUBLE`));
      await page.getByLabel('Allow statements that change data').uncheck();
    };
    // The catalogue does not read training.cost; upskilling sums it.
    await rename('cost', 'cost_usd');
    await page.getByRole('link', { name: 'Upskilling' }).click();
    // Two views read training.cost: the training summary and the ROI; the first to fail is opened.
    const failure = page.getByRole('alert').filter({ hasText: 'This could not be computed' }).first();
    await expect.poll(() => failure.innerText(), { timeout: 60_000 }).toMatch(/"cost"|cost/);
    await failure.getByRole('button', { name: 'Show SQL' }).click();
    expect(await failure.getByLabel('SQL that failed').innerText()).toContain('sum(cost) AS direct_cost');

    await rename('cost_usd', 'cost');
    await page.getByRole('link', { name: 'Upskilling' }).click();
    await page.getByRole('table', { name: 'Programs' }).waitFor({ timeout: 60_000 });
    expect(await failure.count()).toBe(0);
  });

  it('asked nothing of any other origin and logged no errors', () => {
    expect(session.external).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
