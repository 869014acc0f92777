import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resultsForFiles } from '../../src/cli/metrics';
import { formatCount, formatDays, formatPercent, formatUsd, formatWholePercent } from '../../src/components/format';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { computeOverview, type Overview } from '../../src/metrics/overview';
import { computeResults, type ResultsFile } from '../../src/metrics/results';
import { baselineSql, inputsInForce, readBaseline } from '../../src/business-case/baseline';
import { businessCaseScenarios, type BusinessCase } from '../../src/business-case/calculate';
import { effectsFromResults } from '../../src/business-case/effects';
import { DEFAULT_INPUTS } from '../../src/business-case/inputs';
import { isSuppressed } from '../../src/metrics/suppression';
import { DEFAULT_K, LATEST_DATE_SQL } from '../../src/metrics/settings';
import { fileFrom, FIXTURES, SAMPLE_FILES } from '../support/files';
import { shown } from '../support/shown';
import { ARTIFACTS, openSession, type Session } from './chromium';

const baseUrl = inject('baseUrl');
let session: Session;
let expected: Overview;
let results: ResultsFile;
/** The business case with its defaults, the sample's baseline and its strongest effects: the overview's payback. */
let businessCase: Record<'low' | 'expected' | 'high', BusinessCase>;
let sampleHires: number;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // What the browser must show, computed by the Node build of the same engine on the same files.
  const engine = await createNodeEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  const settings = { asOf: latest?.latest ?? '', k: DEFAULT_K };
  expected = await computeOverview((sql) => engine.query(sql), settings);
  results = await computeResults((sql) => engine.query(sql), {}, settings);
  const baseline = readBaseline(await engine.query(baselineSql({}, settings)));
  businessCase = businessCaseScenarios(inputsInForce(DEFAULT_INPUTS, [], baseline), effectsFromResults(results));
  sampleHires = expected.adoption.hires;
  session = await openSession(baseUrl);
});

afterAll(async () => {
  await session?.close();
});

const card = (name: string) => session.page.getByRole('article', { name });
/** Opens the raw group figures under an overview answer and waits for them. */
async function openRaw(name: string) {
  await card(name).locator('details.raw > summary').click();
  await card(name).locator('details.raw[open] dl.figures').waitFor({ timeout: 30_000 });
}
const signed = (x: number) => `${x > 0 ? '+' : ''}${x.toFixed(1)}`;

describe('the built app in headless Chromium', () => {
  it('opens with the sample data and shows the overview figures with their n', async () => {
    const { page } = session;
    const started = Date.now();
    await page.goto(baseUrl);
    await expect.poll(() => page.getByRole('heading', { name: 'LER Outcomes' }).isVisible()).toBe(true);
    // Each card shows as its own query answers.
    await page.getByRole('article', { name: 'Hiring' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('main article').getByText('Computing…').count(), { timeout: 60_000 }).toBe(0);
    console.log(`page open → overview shown: ${((Date.now() - started) / 1000).toFixed(2)} s`);

    // The answers: the strongest estimate for each question, with its interval and n.
    const att = results.pilot_did.att;
    expect(await card('Hiring').innerText()).toContain(`${signed(att.estimate ?? Number.NaN)} days`);
    expect(await card('Hiring').innerText()).toContain(
      `95% CI ${signed(att.ci95?.[0] ?? Number.NaN)} to ${signed(att.ci95?.[1] ?? Number.NaN)} days`,
    );
    const retentionAtt = results.pilot_did_retention.att.estimate ?? Number.NaN;
    const adjusted = results.retention_adjusted;
    if (isSuppressed(adjusted)) throw new Error('the sample has a within-employer comparison');
    expect(await card('Retention').innerText()).toContain(`${signed(retentionAtt * 100)} points`);
    expect(await card('Retention').innerText()).toContain(`${signed((adjusted.estimate ?? Number.NaN) * 100)} points`);
    const upskillingResults = results.upskilling;
    if (isSuppressed(upskillingResults) || upskillingResults.roi_pct === null) throw new Error('the sample has a training ROI');
    expect(await card('Upskilling').innerText()).toContain(formatWholePercent(upskillingResults.roi_pct));
    const payback = businessCase.expected.paybackMonths;
    const costAndPayback = await card('Cost and payback').innerText();
    expect(costAndPayback).toContain(payback === null ? 'never' : `${payback.toFixed(1)} months`);
    expect(costAndPayback).toContain(formatUsd(businessCase.expected.net));
    // No raw group figure until asked for.
    expect(await card('Hiring').innerText()).not.toContain(`n = ${formatCount(shown(expected.timeToFillMedian.ler).n)}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview-answers-desktop.png'), fullPage: true });

    for (const name of ['Hiring', 'Retention', 'Upskilling']) await openRaw(name);
    const ttf = { ler: shown(expected.timeToFillMedian.ler), non_ler: shown(expected.timeToFillMedian.non_ler) };
    const hiring = await card('Hiring').innerText();
    expect(hiring).toContain(formatDays(ttf.ler.median));
    expect(hiring).toContain(`n = ${formatCount(ttf.ler.n)}`);
    expect(hiring).toContain(formatDays(ttf.non_ler.median));
    expect(hiring).toContain(`n = ${formatCount(ttf.non_ler.n)}`);

    const ret = { ler: shown(expected.retention365.ler), non_ler: shown(expected.retention365.non_ler) };
    if (ret.ler.s === null || ret.non_ler.s === null) throw new Error('sample groups must be followed for a year');
    const retention = await card('Retention').innerText();
    expect(retention).toContain(formatPercent(ret.ler.s));
    expect(retention).toContain(formatPercent(ret.non_ler.s));
    expect(retention).toContain(`n = ${formatCount(ret.ler.n)}`);

    const upskilling = await card('Upskilling').innerText();
    expect(upskilling).toContain(formatCount(expected.training.enrollments));
    expect(upskilling).toContain(formatCount(expected.training.completions));

    const adoption = await card('Adoption').innerText();
    expect(adoption).toContain(`${formatCount(expected.adoption.adopted)} of ${formatCount(expected.adoption.employers)}`);
    expect(adoption).toContain(`of n = ${formatCount(expected.adoption.hires)} hires`);

    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.getByText('Your data stays in this browser').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview-desktop.png'), fullPage: true });
  });

  it('downloads the same results@1 file the command line writes', async () => {
    const { page } = session;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download results (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`ler-outcomes-results-${expected.asOf}.json`);
    const fromApp = JSON.parse(readFileSync(await file.path(), 'utf8')) as unknown;
    const { results: fromCli } = await resultsForFiles(SAMPLE_FILES, { asOf: null, k: DEFAULT_K, filters: {} });
    expect(fromApp).toEqual(JSON.parse(JSON.stringify(fromCli)));
  });

  it('loads an own export in place of the sample, rejecting its bad rows with a report and loading the good ones', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Data' }).click();
    await page.getByLabel('CSV files to load').setInputFiles([path.join(FIXTURES, 'employers.csv'), path.join(FIXTURES, 'hires-bad.csv')]);
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await rejected.waitFor({ timeout: 30_000 });
    const files = page.getByRole('table', { name: 'Files loaded' });
    const hiresRow = files.getByRole('row', { name: /hires-bad\.csv/ });
    // Worked out by hand from the fixture: H1 and H4 are clean; eight rows each break a rule. started_on's
    // only slash date (3/1/2023) fits both orders; requisition_opened_on (1/15/2023) shows month first.
    await expect
      .poll(() => hiresRow.locator('td').allInnerTexts())
      .toEqual([
        'hires',
        '10',
        '2',
        '8',
        "Dates in started_on fit both M/D/YYYY and D/M/YYYY; they were read as M/D/YYYY like the file's other date columns.",
      ]);
    const text = await rejected.innerText();
    expect(text).toContain('2023-02-30');
    expect(text).toContain('not a valid date');
    expect(text).toContain('employer_id is not in the loaded employers');
    expect(text).toContain('duplicate hire_id');
    expect(text).toContain('Expected Number of Columns');
    // The files replaced the synthetic sample rather than joining it, and the page says so.
    await expect.poll(() => page.getByText('3 employers · 2 hires ·').isVisible()).toBe(true);
    expect(await page.getByText('Your files replaced the sample data').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Load sample data' }).isDisabled()).toBe(true);
    expect(await page.getByText('To see the sample again, clear your data first').isVisible()).toBe(true);
    // The figures are the export's alone: its two loaded hires, none of the sample's.
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => card('Adoption').innerText()).toContain('of n = 2 hires');
    await page.getByRole('link', { name: 'Data' }).click();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download validation report (CSV)' }).click();
    const report = readFileSync(await (await download).path(), 'utf8');
    const lines = report.trim().split(/\r\n/);
    expect(lines[0]).toBe('file,line,column,value,reason');
    expect(lines.filter((l) => l.startsWith('hires-bad.csv,')).length).toBe(10);
    await page.screenshot({ path: path.join(ARTIFACTS, 'rejections.png'), fullPage: true });
  });

  it('clears the data and loads the sample again', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await expect.poll(() => page.getByText('0 employers · 0 hires').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByText(`${formatCount(sampleHires)} hires ·`).isVisible(), { timeout: 60_000 }).toBe(true);
    // Loaded again over itself, the sample reloads whole: nothing rejected as already loaded, and it is still the sample.
    const sampleButton = page.getByRole('button', { name: 'Load sample data' });
    await sampleButton.click();
    // Disabled while it loads; enabled again only if what loaded is still the sample (own data keeps it disabled).
    await expect.poll(() => sampleButton.isDisabled()).toBe(true);
    await expect.poll(() => sampleButton.isEnabled(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByText(`${formatCount(sampleHires)} hires ·`).innerText()).toMatch(/· 0 rows rejected$/);
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => card('Adoption').innerText()).toContain(`of n = ${formatCount(sampleHires)} hires`);
  });

  it('recomputes the overview for an as-of date the user picks', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Overview' }).click();
    const engine = await createNodeEngine();
    await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
    const earlier = await computeOverview((sql) => engine.query(sql), { asOf: '2024-12-31', k: DEFAULT_K });
    await page.getByLabel('As-of date').fill('2024-12-31');
    await expect.poll(() => page.getByText('As of 2024-12-31').isVisible()).toBe(true);
    await expect.poll(() => card('Upskilling').innerText()).toContain(`n = ${formatCount(earlier.training.enrollments)} enrollments`);
    await openRaw('Retention');
    const ret = shown(earlier.retention365.ler);
    expect(await card('Retention').innerText()).toContain(`n = ${formatCount(ret.n)}`);
    expect(earlier.training.enrollments).toBeLessThan(expected.training.enrollments);
    await page.getByRole('button', { name: 'Latest' }).click();
    await expect.poll(() => page.getByText(`As of ${expected.asOf}`).isVisible()).toBe(true);
  });

  it('asked nothing of any other origin and logged no errors', () => {
    expect(session.external).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
