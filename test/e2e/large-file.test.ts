import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCount } from '../../src/components/format';
import { SAMPLE_FILES } from '../support/files';
import { readPlainCsv } from '../support/plain-csv';
import { ARTIFACTS, dataOpened, openSession, type Session } from './chromium';

/**
 * A generated hires file far larger than the sample, sized to keep CI quick (the 1 GB case is the
 * benchmark's): the load shows its progress in bytes and rows, can be cancelled without leaving any
 * of the file behind, and then loads whole.
 */
const ROWS = 600_000;
const baseUrl = inject('baseUrl');
const sampleHires = readPlainCsv(SAMPLE_FILES[1] ?? '').length;
let session: Session;
let dir: string;
let bigFile: string;
let employersFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ler-large-'));
  bigFile = path.join(dir, 'big-hires.csv');
  const lines = ['hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified,occupation,annual_salary'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      `BIG${i},E001,2024-01-02,2024-02-0${1 + (i % 9)},2024-03-01,${i % 3 === 0 ? 'yes' : 'no'},Sales and Related,${40_000 + (i % 997)}`,
    );
  writeFileSync(bigFile, `${lines.join('\n')}\n`);
  employersFile = path.join(dir, 'employers.csv');
  writeFileSync(employersFile, 'employer_id,industry\nE001,Retail\n');
  session = await openSession(baseUrl);
  await session.page.goto(baseUrl);
  await dataOpened(session.page);
  await session.page.getByRole('link', { name: 'Data' }).click();
  await session.page.getByText(`${formatCount(sampleHires)} hires ·`).waitFor({ timeout: 90_000 });
});
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

const hiresShown = async () =>
  Number(/([\d,]+) hires ·/.exec(await session.page.locator('.section-head .muted').innerText())?.[1]?.replaceAll(',', ''));
const report = () =>
  session.page
    .getByRole('table', { name: 'Files loaded' })
    .getByRole('row', { name: /^big-hires\.csv/ })
    .last();

describe(`a ${formatCount(ROWS)}-row file`, () => {
  it('shows progress and can be cancelled, keeping nothing of that file and everything loaded before', async () => {
    const { page } = session;
    await page.getByLabel('CSV files to load').setInputFiles(bigFile);
    const progress = page.getByRole('group', { name: 'Load progress' });
    await expect
      .poll(() => progress.innerText(), { timeout: 30_000 })
      .toMatch(/(Reading big-hires\.csv: [\d.]+ MB of [\d.]+ MB|Checking [\d,]+ rows of big-hires\.csv)/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'load-progress.png') });
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => report().locator('td').last().innerText(), { timeout: 60_000 })
      .toBe('Cancelled: nothing from this file was loaded.');
    // The sample had stepped aside for the file, and comes back since nothing of it was loaded.
    expect(await hiresShown()).toBe(sampleHires);
    await expect
      .poll(() => session.page.getByText('Nothing of your files was loaded, so the sample data is still what is loaded.').isVisible())
      .toBe(true);
  });

  it('then loads whole with its employers, in place of the sample, with the exact row count once read', async () => {
    const { page } = session;
    await page.getByLabel('CSV files to load').setInputFiles([employersFile, bigFile]);
    // Once read, the rows are counted exactly: checking them names that count.
    const progress = page.getByRole('group', { name: 'Load progress' });
    await progress.getByText(`Checking ${formatCount(ROWS)} rows of big-hires.csv`).waitFor({ timeout: 60_000 });
    await expect.poll(hiresShown, { timeout: 60_000 }).toBe(ROWS);
    expect((await report().locator('td').allInnerTexts()).slice(0, 4)).toEqual(['hires', formatCount(ROWS), formatCount(ROWS), '0']);
  });

  it('logged no errors and asked nothing of any other origin', () => {
    expect(session.errors).toEqual([]);
    expect(session.external).toEqual([]);
  });
});
