import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { minimumDetectableEffect, requiredEmployers } from '../../src/metrics/pilot-design/mde';
import { pilotPanelSql, readPanel, type PanelData } from '../../src/metrics/pilot-design/panel';
import { componentsOf } from '../../src/metrics/pilot-design/pilot-design';
import { simulatedMde, simulatedPowerAt, simulatePower, type SimulatedPower } from '../../src/metrics/pilot-design/simulate';
import { varianceComponents } from '../../src/metrics/pilot-design/variance';
import { DEFAULT_K, LATEST_DATE_SQL } from '../../src/metrics/settings';
import { fileFrom, SAMPLE_FILES } from '../support/files';
import { exportedPoints } from './chart-png';
import { openSession, type Session } from './chromium';

/**
 * The "Plan a pilot" page against Node's engine and the same functions: the reading, the simulation run
 * in the page's worker, cancel, the retention outcome, typed values when the data are too thin, and the
 * power chart's PNG.
 */
const baseUrl = inject('baseUrl');
const PLANNED = { J: 40, P: 0.5, m: 4, r: 4 };
let session: Session;
const panels = new Map<string, PanelData>();

beforeAll(async () => {
  const engine = await createNodeEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  const settings = { asOf: latest?.latest ?? '', k: DEFAULT_K };
  for (const outcome of ['time_to_fill_days', 'retained_365'] as const)
    panels.set(outcome, readPanel(await engine.query(pilotPanelSql({}, settings, outcome))));
  session = await openSession(baseUrl);
});

afterAll(async () => {
  await session?.close();
});

/** The MDE of a design on an outcome's panel, as the page computes it. */
function mdeOf(outcome: string, design = PLANNED) {
  const panel = panels.get(outcome);
  const variance = panel && varianceComponents(panel.units);
  if (!panel || !variance) throw new Error(`no panel for ${outcome}`);
  return { panel, components: componentsOf(variance), mde: minimumDetectableEffect(design, componentsOf(variance)) ?? Number.NaN };
}

/** A chance as the page words it, worked out here: tenths, "once", or near certainty. */
function timesIn10(p: number): string {
  if (p >= 0.95) return 'more than 19 times in 20';
  return Math.round(p * 10) === 1 ? 'once in 10' : `${Math.round(p * 10)} times in 10`;
}

const answer = () => session.page.getByRole('article', { name: 'What this pilot could detect' });

describe('Plan a pilot', () => {
  it('reads its inputs from the URL and answers as the formula does on the data’s variance, with the employers a target needs', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/plan?employers=40&adopting=0.5&before=4&after=4&effect=3`);
    await answer().waitFor({ timeout: 90_000 });
    const { mde, components, panel } = mdeOf('time_to_fill_days');
    const text = await answer().innerText();
    expect(text).toContain(
      `With 40 employers, half adopting, 4 quarters before and 4 after, a pilot would detect a change of ${mde.toFixed(1)} days in time-to-fill 8 times in 10.`,
    );
    expect(text).toContain(`it needs ${requiredEmployers(PLANNED, components, 3)} employers`);
    const own = panel.design && minimumDetectableEffect(panel.design, components);
    expect(text).toContain(`can detect ${(own ?? Number.NaN).toFixed(1)} days`);
    const sigma2 = varianceComponents(panel.units)?.sigma2 ?? Number.NaN;
    await expect
      .poll(() => page.getByRole('article', { name: 'Variance from the data' }).innerText())
      .toContain(`${sigma2.toFixed(2)} days²`);
  });

  it('puts a changed input in the URL and the answer', async () => {
    const { page } = session;
    await page.getByLabel('Employers in the pilot (J)').fill('80');
    await expect.poll(() => new URL(page.url()).searchParams.get('employers')).toBe('80');
    const { mde } = mdeOf('time_to_fill_days', { ...PLANNED, J: 80 });
    await expect
      .poll(() => answer().innerText())
      .toContain(
        `With 80 employers, half adopting, 4 quarters before and 4 after, a pilot would detect a change of ${mde.toFixed(1)} days`,
      );
    await page.getByLabel('Employers in the pilot (J)').fill('2');
    await expect.poll(() => page.getByText('Not used: a whole number from 4 to 100,000.').isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get('employers')).toBe('80');
    await page.getByLabel('Employers in the pilot (J)').fill('40');
  });

  it('simulates in a worker, gives what the same simulation gives in Node, and warns when it is far from 80%', async () => {
    const { page } = session;
    // The planned design, then the data's own m and r, whose panel cannot host them: the formula misleads there.
    const designs = [PLANNED, { J: 60, P: 0.5, m: 8, r: 9 }];
    const expected = designs.map((design) => {
      const { panel, mde } = mdeOf('time_to_fill_days', design);
      return simulatePower(panel.units, design, mde);
    });
    expect(Math.abs((expected[1]?.power ?? 0) * 100 - 80)).toBeGreaterThan(10);
    const card = page.getByRole('article', { name: 'Check by simulation' });
    for (const [i, design] of designs.entries()) {
      await page.getByLabel('Employers in the pilot (J)').fill(String(design.J));
      await page.getByLabel('Quarters observed before adoption (m)').fill(String(design.m));
      await page.getByLabel('Quarters observed from adoption on (r)').fill(String(design.r));
      await card.getByRole('button', { name: 'Simulate 500 pilots' }).click();
      await expect.poll(() => card.innerText(), { timeout: 60_000 }).toContain('Simulated power at the analytic MDE');
      const power = (expected[i]?.power ?? 0) * 100;
      expect(await card.innerText()).toContain(`${power.toFixed(1)}%`);
      const simulatedMdeDays = simulatedMde(expected[i] as SimulatedPower);
      expect(await answer().innerText()).toContain(
        `the planned pilot detects ${simulatedMdeDays.toFixed(1)} days 8 times in 10, and 3.0 days ${timesIn10(simulatedPowerAt(expected[i] as SimulatedPower, 3))}`,
      );
      expect(await answer().innerText()).toContain(`it needs about ${Math.ceil(design.J * (simulatedMdeDays / 3) ** 2)} employers`);
      expect(await card.getByText('the analytic formula misleads for this design').isVisible()).toBe(Math.abs(power - 80) > 10);
    }
    await page.getByLabel('Quarters observed before adoption (m)').fill('4');
    await page.getByLabel('Quarters observed from adoption on (r)').fill('4');
    await page.getByLabel('Employers in the pilot (J)').fill('40');
  });

  it('cancels a long simulation and stays usable', async () => {
    const card = session.page.getByRole('article', { name: 'Check by simulation' });
    await card.getByLabel('Draws').selectOption('10000');
    await card.getByRole('button', { name: 'Simulate 10,000 pilots' }).click();
    await card.getByText(/Simulating: draw [1-9][0-9,]* of 10,000/).waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: 'Cancel simulation' }).click();
    await expect.poll(() => card.innerText()).toMatch(/Cancelled after [\d,]+ of 10,000 draws/);
    expect(await card.getByText('Simulated power at the analytic MDE').count()).toBe(0);
    await card.getByLabel('Draws').selectOption('500');
    expect(await card.getByRole('button', { name: 'Simulate 500 pilots' }).isEnabled()).toBe(true);
  });

  it('stops a run when the inputs change, and does not show it running when they come back', async () => {
    const { page } = session;
    const card = page.getByRole('article', { name: 'Check by simulation' });
    await card.getByLabel('Draws').selectOption('10000');
    await card.getByRole('button', { name: 'Simulate 10,000 pilots' }).click();
    await card.getByText(/Simulating: draw/).waitFor({ timeout: 60_000 });
    await page.getByLabel('Employers in the pilot (J)').fill('41');
    await page.getByLabel('Employers in the pilot (J)').fill('40');
    await card.getByRole('button', { name: 'Simulate 10,000 pilots' }).waitFor();
    expect(await card.getByText(/Simulating: draw/).count()).toBe(0);
    await card.getByLabel('Draws').selectOption('500');
  });

  it('plans on first-year retention in percentage points', async () => {
    const { page } = session;
    await page.getByLabel('Outcome').selectOption('retained_365');
    await expect.poll(() => new URL(page.url()).searchParams.get('outcome')).toBe('retention');
    const { mde } = mdeOf('retained_365');
    await expect
      .poll(() => answer().innerText(), { timeout: 60_000 })
      .toContain(`a pilot would detect a change of ${(mde * 100).toFixed(1)} percentage points in first-year retention 8 times in 10`);
    await page.getByLabel('Outcome').selectOption('time_to_fill_days');
  });

  it('saves the power chart as a PNG that holds both curves', async () => {
    const card = session.page.getByRole('article', { name: 'Power by size of effect' });
    await card.locator('svg.recharts-surface').first().waitFor();
    // The planned design's curve and its MDE line are drawn in the LER blue.
    expect(await exportedPoints(session, card)).toBeGreaterThan(500);
  });

  it('with too few employers for the variance, says so and takes typed values', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/plan?employer=E001&employer=E011&employer=E037`);
    const typed = page.getByRole('group', { name: 'Variance to plan with' });
    await expect.poll(() => typed.innerText(), { timeout: 60_000 }).toContain('The loaded data cannot give the variance');
    await typed.getByLabel(/Standard deviation/).fill('6');
    await typed.getByLabel(/Correlation/).fill('0');
    // σ² = 36, γ = 0: Var = [1 / (0.25 · 40)] · (8 / 16) · 36 = 1.8; MDE = (0.8416 + 1.9600) · √1.8 = 3.76.
    await expect.poll(() => answer().innerText()).toContain('a pilot would detect a change of 3.8 days');
    expect(new URL(page.url()).searchParams.get('sd')).toBe('6');
  });

  it('asked nothing of any other origin and logged no errors', () => {
    expect(session.external).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
