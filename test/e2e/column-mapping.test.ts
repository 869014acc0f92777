import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCount } from '../../src/components/format';
import { FIXTURES, SAMPLE_FILES } from '../support/files';
import { readPlainCsv } from '../support/plain-csv';
import { ARTIFACTS, dataOpened, openSession, type Session } from './chromium';

/** An employer export with its own headers: mapped by hand once, then mapped by itself on the next upload. */
const baseUrl = inject('baseUrl');
const RENAMED = path.join(FIXTURES, 'formats', 'hires-renamed-export.csv');
const EMPLOYERS = path.join(FIXTURES, 'employers.csv');

let session: Session;
beforeAll(async () => {
  session = await openSession(baseUrl);
});
afterAll(async () => {
  await session?.close();
});

const summary = (page: Page, employers: number, hires: number) =>
  page.getByText(`${formatCount(employers)} employers · ${formatCount(hires)} hires ·`);
const upload = (page: Page, file: string) => page.getByLabel('CSV files to load').setInputFiles(file);
const fileRow = (page: Page, name: string) =>
  page.getByRole('table', { name: 'Files loaded' }).getByRole('row', { name: new RegExp(`^${name.replaceAll('.', '\\.')}`) });

/** Clears what is loaded and loads the three fixture employers (E1, E2, E3), which the export's rows reference. */
async function startWithFixtureEmployers(page: Page) {
  await page.getByRole('button', { name: 'Clear all data' }).click();
  await expect.poll(() => summary(page, 0, 0).isVisible(), { timeout: 60_000 }).toBe(true);
  await upload(page, EMPLOYERS);
  try {
    await expect.poll(() => summary(page, 3, 0).isVisible(), { timeout: 60_000 }).toBe(true);
  } finally {
    await page.screenshot({ path: path.join(ARTIFACTS, 'column-mapping-employers.png'), fullPage: true });
  }
}

describe('mapping the columns of an export', () => {
  it('asks once with suggestions, loads with the mapping, and maps the same export by itself next time', async () => {
    const { page, errors, external } = session;
    await page.goto(baseUrl);
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    // The app loads the sample by itself on a first visit; let it finish before replacing it. Its summary shows
    // at once from the shipped figures, before the engine has loaded it: wait for the engine to have opened it.
    await dataOpened(page);
    const sample = SAMPLE_FILES.map((f) => readPlainCsv(f).length);
    await expect.poll(() => summary(page, sample[0] ?? 0, sample[1] ?? 0).isVisible(), { timeout: 90_000 }).toBe(true);
    await startWithFixtureEmployers(page);

    await upload(page, RENAMED);
    const form = page.getByRole('form', { name: 'Map the columns of hires-renamed-export.csv' });
    await form.waitFor({ timeout: 30_000 });
    // The preview shows the file's own headers and first rows.
    const preview = form.getByRole('table', { name: 'First rows of hires-renamed-export.csv' });
    expect(await preview.getByRole('columnheader').allInnerTexts()).toEqual([
      'Req ID',
      'Company',
      'Req Open Date',
      'Offer Accepted',
      'Hire Date',
      'LER?',
      'Salary ($)',
      'Recruiter',
    ]);
    expect(await preview.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).toEqual([
      'R-100',
      'E1',
      '01/02/2024',
      '01/22/2024',
      '02/05/2024',
      'Yes',
      '$61,500.00',
      'Ana',
    ]);
    // Suggestions by name, preselected in labelled selects.
    expect(await form.getByLabel('This file holds').inputValue()).toBe('hires');
    const chosen = async (column: string) => form.getByLabel(new RegExp(`^${column} \\(`)).inputValue();
    expect(await chosen('hire_id')).toBe('Req ID');
    expect(await chosen('employer_id')).toBe('Company');
    expect(await chosen('requisition_opened_on')).toBe('Req Open Date');
    expect(await chosen('offer_accepted_on')).toBe('Offer Accepted');
    expect(await chosen('started_on')).toBe('Hire Date');
    expect(await chosen('ler_verified')).toBe('LER?');
    expect(await chosen('annual_salary')).toBe('Salary ($)');
    expect(await chosen('occupation')).toBe('');
    await page.screenshot({ path: path.join(ARTIFACTS, 'column-mapping-form.png'), fullPage: true });

    // The keyboard alone can change a choice: leave the salary out, then put it back.
    await form.getByLabel(/^annual_salary \(/).focus();
    await page.keyboard.press('Home');
    expect(await chosen('annual_salary')).toBe('');
    await form.getByLabel(/^annual_salary \(/).selectOption('Salary ($)');

    await form.getByRole('button', { name: 'Load with this mapping' }).click();
    await expect.poll(() => summary(page, 3, 3).isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await fileRow(page, 'hires-renamed-export.csv').locator('td').nth(0).innerText()).toBe('hires');
    expect(await fileRow(page, 'hires-renamed-export.csv').locator('td').nth(2).innerText()).toBe('3');
    expect(await form.count()).toBe(0);

    // The same export again: no form, it maps itself and says so, with a way to change the mapping.
    await startWithFixtureEmployers(page);
    await upload(page, RENAMED);
    await expect.poll(() => summary(page, 3, 3).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect
      .poll(() => page.getByText('hires-renamed-export.csv: columns mapped by the mapping remembered for this export (hires).').isVisible())
      .toBe(true);
    expect(await page.getByRole('form', { name: /^Map the columns/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Change mapping for hires-renamed-export.csv' }).click();
    const again = page.getByRole('form', { name: 'Map the columns of hires-renamed-export.csv' });
    expect(await again.getByLabel(/^started_on \(/).inputValue()).toBe('Hire Date');
    await again.getByRole('button', { name: 'Keep the current mapping' }).click();
    expect(await again.count()).toBe(0);

    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });
});
