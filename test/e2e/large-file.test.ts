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
 * of its batch behind, and then loads whole. A batch with a file that cannot be read loads nothing, and
 * its other files wait for the user's choice.
 */
const ROWS = 600_000;
const baseUrl = inject('baseUrl');
const sampleHires = readPlainCsv(SAMPLE_FILES[1] ?? '').length;
let session: Session;
let dir: string;
let bigFile: string;
let employersFile: string;
let trainingFile: string;
let emptyFile: string;

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
  // Saved empty, as a failed export step leaves a file: it cannot be read.
  emptyFile = path.join(dir, 'hires.csv');
  writeFileSync(emptyFile, '');
  trainingFile = path.join(dir, 'training.csv');
  writeFileSync(
    trainingFile,
    'enrollment_id,employer_id,person_id,program,started_on,cost\nT1,E001,P1,Welding,2024-04-01,500\nT2,E001,P2,Welding,2024-04-01,500\nT3,E001,,Welding,2024-04-01,500\n',
  );
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
const alert = () => session.page.getByRole('alert').innerText();
const report = () =>
  session.page
    .getByRole('table', { name: 'Files loaded' })
    .getByRole('row', { name: /^big-hires\.csv/ })
    .last();

describe(`a ${formatCount(ROWS)}-row file`, () => {
  it('shows progress and can be cancelled, loading nothing of its batch and leaving the sample as it was', async () => {
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
    // The file was to replace the sample; nothing of it was loaded, so the sample never left.
    expect(await hiresShown()).toBe(sampleHires);
    await expect
      .poll(alert)
      .toBe(
        'Nothing of these files was loaded: the load was cancelled. Files loaded together go in together or not at all, so the sample data is still what is loaded.',
      );
    // Nothing else was checked, so there is nothing to keep.
    expect(await page.getByRole('button', { name: 'Keep the files that loaded' }).count()).toBe(0);
  });

  it('loads nothing of a batch whose second file cannot be read, says which and why, and can keep the others', async () => {
    const { page } = session;
    await page.getByLabel('CSV files to load').setInputFiles([employersFile, emptyFile, trainingFile]);
    await expect
      .poll(alert, { timeout: 60_000 })
      .toBe(
        'Nothing of these files was loaded: hires.csv failed (The file is empty). Files loaded together go in together or not at all, so the sample data is still what is loaded.',
      );
    expect(await hiresShown()).toBe(sampleHires);
    const held = page.getByRole('region', { name: 'Keep the files that loaded?' });
    // By hand from the two small files: one employer; three enrollments, of which T1 and T2 name people whose hires
    // would have been in hires.csv (the sample, which the files replace, does not count).
    expect(await held.getByRole('listitem').allInnerTexts()).toEqual([
      'employers.csv: 1 employer, 0 rows rejected',
      'training.csv: 3 enrollments, 0 rows rejected',
      '2 enrollments whose hires are not loaded: the upskilling figures would read them without a hire.',
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'batch-failed.png'), fullPage: true });
    await held.getByRole('button', { name: 'Keep the files that loaded' }).click();
    await expect.poll(() => page.getByText('1 employers · 0 hires · 3 enrollments').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText('Your files replaced the sample data').isVisible()).toBe(true);
    expect(await held.count()).toBe(0);
  });

  it('then loads whole, added to the files kept, with the exact row count once read', async () => {
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
