import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { businessCaseScenarios, breakEvenStatement } from '../../src/business-case/calculate';
import { effectsFromResults, overrideEffect, type BusinessCaseEffects } from '../../src/business-case/effects';
import { DEFAULT_INPUTS, type BusinessCaseInputs } from '../../src/business-case/inputs';
import { baselineSql, inputsInForce, readBaseline, type Baseline } from '../../src/business-case/baseline';
import { formatUsd } from '../../src/components/format';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { computeResults, type ResultsFile } from '../../src/metrics/results';
import { DEFAULT_K, LATEST_DATE_SQL } from '../../src/metrics/settings';
import { fileFrom, SAMPLE_FILES } from '../support/files';
import { ARTIFACTS, openSession, type Session } from './chromium';

const baseUrl = inject('baseUrl');
let session: Session;
let measured: BusinessCaseEffects;
let sampleResults: ResultsFile;
let baseline: Baseline;
/** The inputs the page starts from: the defaults with what the sample measures in their place. */
let inForce: BusinessCaseInputs;
/** One adopting employer's results and baseline, and the other 59 employers' results: its evidence. */
let oneEmployer: { results: ResultsFile; inForce: BusinessCaseInputs };
let theRest: ResultsFile;
const ONE = 'E002';

beforeAll(async () => {
  const engine = await createNodeEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  const settings = { asOf: latest?.latest ?? '', k: DEFAULT_K };
  sampleResults = await computeResults((sql) => engine.query(sql), {}, settings);
  measured = effectsFromResults(sampleResults);
  baseline = readBaseline(await engine.query(baselineSql({}, settings)));
  inForce = inputsInForce(DEFAULT_INPUTS, [], baseline);
  const one = { employer_id: [ONE] };
  oneEmployer = {
    results: await computeResults((sql) => engine.query(sql), one, settings),
    inForce: inputsInForce(DEFAULT_INPUTS, [], readBaseline(await engine.query(baselineSql(one, settings)))),
  };
  const others = (
    await engine.query<{ id: string }>(`SELECT employer_id AS id FROM employers WHERE employer_id <> '${ONE}' ORDER BY 1`)
  ).map((r) => r.id);
  theRest = await computeResults((sql) => engine.query(sql), { employer_id: others }, settings);
  session = await openSession(baseUrl);
  await session.page.goto(`${baseUrl}/business-case`);
  await session.page.getByRole('article', { name: 'One-page brief' }).waitFor({ timeout: 90_000 });
});

afterAll(async () => {
  await session?.close();
});

const outputs = () => session.page.getByRole('table', { name: 'Business case outputs' });
const row = (label: string) =>
  outputs()
    .getByRole('row', { name: new RegExp(`^${label}`) })
    .locator('td')
    .allInnerTexts();

/** PDF page objects: "/Type /Page" but not "/Type /Pages". */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('the business case in the browser', () => {
  it("starts from the strongest effects and the employer's own baseline, measured where the data give it", async () => {
    expect(inForce.annualHires).not.toBe(DEFAULT_INPUTS.annualHires);
    const expected = businessCaseScenarios(inForce, measured);
    await expect
      .poll(() => row('Net annual value'))
      .toEqual([formatUsd(expected.low.net), formatUsd(expected.expected.net), formatUsd(expected.high.net)]);
    expect(await session.page.locator('.break-even').innerText()).toBe(breakEvenStatement(inForce, measured));
  });

  it('recomputes when the form is filled, and marks an overridden effect as assumed', async () => {
    const { page } = session;
    await page.getByLabel(/^Annual external hires/).fill('400');
    await page.getByLabel(/^Hires arriving with an LER/).fill('50');
    await page.getByLabel(/^LER platform fee/).fill('25000');
    await page.getByLabel(/^Change in time-to-fill per LER hire/).fill('-3');
    const inputs = { ...inForce, annualHires: 400, lerHireSharePct: 50, platformFeeAnnual: 25_000 };
    const effects = { ...measured, timeToFillDays: overrideEffect(measured.timeToFillDays, -3) };
    const expected = businessCaseScenarios(inputs, effects);
    await expect
      .poll(() => row('Net annual value'))
      .toEqual([formatUsd(expected.low.net), formatUsd(expected.expected.net), formatUsd(expected.high.net)]);
    expect(await row('Total annual cost')).toEqual([
      formatUsd(expected.low.cost),
      formatUsd(expected.expected.cost),
      formatUsd(expected.high.cost),
    ]);
    const effectField = page.locator('.case-field').filter({ has: page.getByLabel(/^Change in time-to-fill per LER hire/) });
    expect(await effectField.innerText()).toContain('ASSUMED');
    expect(new URL(page.url()).searchParams.get('case')).toContain('"annualHires":400');
  });

  it('keeps the case in view, marked busy, while the effects are measured again for new filters', async () => {
    const { page } = session;
    await expect.poll(() => page.locator('main [aria-busy="true"]').count()).toBe(0);
    await page.evaluate(() => {
      const seen = { busy: false, gone: false };
      (window as unknown as { __case: typeof seen }).__case = seen;
      new MutationObserver(() => {
        if (document.querySelector('main section[aria-busy="true"]')) seen.busy = true;
        if (!document.querySelector('table[aria-label="Business case outputs"]')) seen.gone = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.locator('summary', { hasText: 'Industry' }).click();
    await page.getByRole('checkbox', { name: /^Retail/ }).check();
    await expect.poll(() => page.locator('main [aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __case: { busy: boolean; gone: boolean } }).__case)).toEqual({
      busy: true,
      gone: false,
    });
    await page.locator('summary', { hasText: 'Industry' }).click();
    await page.getByRole('button', { name: /Clear filters/ }).click();
    await expect.poll(() => page.locator('main [aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
  });

  it('marks a measured input as measured with its n, an edited one as the user’s, and gives it back on request', async () => {
    const { page } = session;
    const field = page.locator('.case-field').filter({ has: page.getByLabel(/^Current time-to-fill/) });
    expect(await field.innerText()).toContain('MEASURED');
    expect(await field.innerText()).toContain(`n = ${(baseline.currentTimeToFillDays?.n ?? 0).toLocaleString('en-US')}`);
    expect(Number(await page.getByLabel(/^Current time-to-fill/).inputValue())).toBeCloseTo(baseline.currentTimeToFillDays?.value ?? 0, 1);
    await page.getByLabel(/^Current time-to-fill/).fill('90');
    await expect.poll(() => field.innerText()).toContain('ASSUMED');
    expect(await field.innerText()).toContain('Your value; measured');
    await field.getByRole('button', { name: 'Use measured' }).click();
    await expect.poll(() => field.innerText()).toContain('MEASURED');
    expect(Number(await page.getByLabel(/^Current time-to-fill/).inputValue())).toBeCloseTo(baseline.currentTimeToFillDays?.value ?? 0, 1);
  });

  it("labels each effect's design strength and never uses the raw retention comparison", async () => {
    const { page } = session;
    const field = (label: RegExp) => page.locator('.case-field').filter({ has: page.getByLabel(label) });
    // The sample's own retention DiD, per LER hire at its LER share: the strongest design it has.
    expect(measured.retention12mPoints?.strength).toBe('did');
    await expect.poll(() => field(/^Difference in 12-month retention/).innerText()).toContain('DID');
    const retention = await field(/^Difference in 12-month retention/).innerText();
    expect(retention).toContain('ATT on 12-month retention');
    expect(retention).toContain('Raw comparison in the data (descriptive, not used)');
  });

  it("one employer's case: its own within-employer retention, the other employers' pilot ATT as evidence, in the figures and the brief", async () => {
    const { page } = session;
    // One adopting employer alone: no never-adopting comparison, so no DiD in the loaded data; its LER and
    // other hires of the same occupation and start year still compare within the employer.
    await page.goto(`${baseUrl}/business-case?employer=${ONE}`);
    const ttf = page.locator('.case-field').filter({ has: page.getByLabel(/^Change in time-to-fill per LER hire/) });
    const retention = page.locator('.case-field').filter({ has: page.getByLabel(/^Difference in 12-month retention/) });
    await expect.poll(() => ttf.innerText(), { timeout: 90_000 }).toContain('No source gives this effect');
    expect(effectsFromResults(oneEmployer.results).retention12mPoints?.strength).toBe('within_employer');
    await expect.poll(() => retention.innerText()).toContain('WITHIN EMPLOYER');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'evidence-')), 'state-pilot-results.json');
    writeFileSync(file, JSON.stringify(theRest));
    await page.getByLabel(/^Evidence from another pilot/).setInputFiles(file);
    await expect.poll(() => ttf.innerText()).toContain('EVIDENCE');
    expect(await ttf.innerText()).toContain(`state-pilot-results.json (results as of ${theRest.as_of}`);
    // The loaded data's own within-employer comparison stays ahead of the evidence.
    expect(await retention.innerText()).toContain('WITHIN EMPLOYER');
    const effects = effectsFromResults(oneEmployer.results, { name: 'state-pilot-results.json', results: theRest });
    expect([effects.timeToFillDays?.strength, effects.retention12mPoints?.strength]).toEqual(['evidence', 'within_employer']);
    const expected = businessCaseScenarios(oneEmployer.inForce, effects);
    await expect
      .poll(() => row('Net annual value'))
      .toEqual([formatUsd(expected.low.net), formatUsd(expected.expected.net), formatUsd(expected.high.net)]);
    // The overview's payback is the same case, with the same evidence.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    const payback = page.getByRole('article', { name: 'Cost and payback' });
    await expect.poll(() => payback.innerText(), { timeout: 60_000 }).toContain(formatUsd(expected.expected.net));
    expect(await payback.innerText()).toContain('EVIDENCE');
    await page.getByRole('link', { name: 'Business case', exact: true }).click();
    const brief = page.getByRole('article', { name: 'One-page brief' });
    await expect.poll(() => brief.innerText(), { timeout: 60_000 }).toContain('evidence (another pilot');
    // A file that is not a results file is refused in one line; the evidence loaded stays.
    await page.getByRole('button', { name: 'Remove' }).click();
    writeFileSync(file, '{"schema": "something else"}');
    await page.getByLabel(/^Evidence from another pilot/).setInputFiles(file);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'is not a results file' }).count()).toBe(1);
    await page.goto(`${baseUrl}/business-case`);
    await outputs().waitFor({ timeout: 90_000 });
  });

  it('rejects an impossible input with a message and keeps the rest', async () => {
    const { page } = session;
    await page.getByLabel(/^Hires arriving with an LER/).fill('150');
    await expect.poll(() => page.getByText('Fix the marked inputs to see the business case.').isVisible()).toBe(true);
    expect(await page.getByRole('alert').filter({ hasText: 'Hires arriving with an LER' }).first().innerText()).toMatch(
      /between 0 and 100/,
    );
    await page.getByLabel(/^Hires arriving with an LER/).fill('50');
    await outputs().waitFor();
  });

  it('restores the case from its link, and saves and compares scenarios in the browser', async () => {
    const { page } = session;
    const link = page.url();
    const net = await row('Net annual value');
    await page.getByLabel('Name this scenario').fill('Big hiring year');
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    await page.goto(`${baseUrl}/business-case`);
    await outputs().waitFor({ timeout: 90_000 });
    await expect.poll(() => row('Net annual value')).not.toEqual(net);
    await page.getByLabel('Compare').selectOption('Big hiring year');
    const compare = page.getByRole('table', { name: 'Scenario comparison' });
    const cells = await compare
      .getByRole('row', { name: /^Net annual value/ })
      .locator('td')
      .allInnerTexts();
    expect(cells[0]).toBe(net[1]);
    await page.goto(link);
    await expect.poll(() => row('Net annual value'), { timeout: 90_000 }).toEqual(net);
  });

  it('prints the brief on one Letter page and one A4 page, and saves it as PNG', async () => {
    const { page } = session;
    await page.emulateMedia({ media: 'print' });
    const letter = await page.pdf({ format: 'Letter' });
    const a4 = await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    expect(pdfPages(letter)).toBe(1);
    expect(pdfPages(a4)).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save the brief as PNG' }).click();
    const png = readFileSync(await (await download).path());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await page.getByRole('article', { name: 'One-page brief' }).screenshot({ path: path.join(ARTIFACTS, 'brief.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-business-case-desktop.png'), fullPage: true });
  });

  it('asked nothing of any other origin and logged no errors', () => {
    expect(session.external).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
