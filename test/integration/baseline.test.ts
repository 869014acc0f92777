import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baselineSql, inputsInForce, readBaseline, unmeasured, type Baseline } from '../../src/business-case/baseline';
import { DEFAULT_INPUTS } from '../../src/business-case/inputs';
import { buildContribution } from '../../src/contribution/build';
import { poolContribution } from '../../src/contribution/load';
import { readContribution } from '../../src/contribution/read';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { freshEngine } from '../support/engine';
import { fileFrom, SAMPLE, SAMPLE_FILES } from '../support/files';
import { dayNumber, readPlainCsv } from '../support/plain-csv';
import { field, kaplanMeier, tenureSubjects } from '../support/reference-metrics';

const AS_OF = '2025-12-31';
const hires = readPlainCsv(path.join(SAMPLE, 'hires.csv'));
const training = readPlainCsv(path.join(SAMPLE, 'training.csv'));
let engine: Engine;
let baseline: Baseline;

beforeAll(async () => {
  engine = await freshEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  baseline = readBaseline(await engine.query(baselineSql({}, { asOf: AS_OF, k: 10 })));
});

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const close = (actual: number | undefined, expected: number) =>
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe("the business case's baseline from the loaded data equals a plain computation over the sample's rows", () => {
  // As of 2025-12-31 the last four whole quarters are 2025-Q1…Q4: requisitions opened in 2025, offers accepted by the as-of date.
  const end = dayNumber(AS_OF);
  const hired = hires.filter((h) => dayNumber(field(h, 'offer_accepted_on')) <= end);
  const inWindow = hired.filter((h) => field(h, 'requisition_opened_on').startsWith('2025-'));

  it('annual hires and their mean time-to-fill', () => {
    expect(inWindow.length).toBeGreaterThan(1000);
    expect(baseline.annualHires).toMatchObject({ value: inWindow.length, n: inWindow.length });
    close(
      baseline.currentTimeToFillDays?.value,
      mean(inWindow.map((h) => dayNumber(field(h, 'offer_accepted_on')) - dayNumber(field(h, 'requisition_opened_on')))),
    );
    expect(baseline.annualHires?.basis).toContain('2025-Q1 to 2025-Q4');
  });

  it('mean salary of those hires', () => {
    const salaries = inWindow
      .map((h) => field(h, 'annual_salary'))
      .filter((s) => s !== '')
      .map(Number);
    expect(baseline.annualSalary?.n).toBe(salaries.length);
    close(baseline.annualSalary?.value, mean(salaries));
  });

  it('twelve-month turnover as 1 − S(365), Kaplan-Meier over every hire', () => {
    const subjects = [...tenureSubjects(hires, AS_OF, 'ler'), ...tenureSubjects(hires, AS_OF, 'non_ler')];
    expect(baseline.annualTurnoverPct?.n).toBe(subjects.length);
    close(baseline.annualTurnoverPct?.value, (1 - (kaplanMeier(subjects, [365]).at.get(365)?.s ?? Number.NaN)) * 100);
  });

  it('mean hiring cost per hire, and direct training cost per person enrolled', () => {
    const costs = hired
      .map((h) => field(h, 'hiring_cost'))
      .filter((c) => c !== '')
      .map(Number);
    expect(baseline.internalFillSaving?.n).toBe(costs.length);
    close(baseline.internalFillSaving?.value, mean(costs));
    const started = training.filter((t) => dayNumber(field(t, 'started_on')) <= end);
    const people = new Set(started.map((t) => field(t, 'person_id')).filter((p) => p !== '')).size;
    expect(baseline.costPerTrainee?.n).toBe(people);
    close(baseline.costPerTrainee?.value, started.reduce((s, t) => s + Number(field(t, 'cost')), 0) / people);
  });

  it('fills the inputs the user has not set, and the vacancy cost follows the salary in force', () => {
    const inForce = inputsInForce(DEFAULT_INPUTS, ['annualHires'], baseline);
    expect(inForce.annualHires).toBe(DEFAULT_INPUTS.annualHires);
    expect(inForce.currentTimeToFillDays).toBe(baseline.currentTimeToFillDays?.value);
    expect(inForce.dailyVacancyCost).toBeCloseTo((baseline.annualSalary?.value ?? Number.NaN) / 365, 9);
    expect(inputsInForce(DEFAULT_INPUTS, ['dailyVacancyCost'], baseline).dailyVacancyCost).toBe(DEFAULT_INPUTS.dailyVacancyCost);
  });
});

describe('the baseline from a pooled contribution of the sample', () => {
  it('gives the same figures but the salary, which contributions do not carry, and says so', async () => {
    const { document } = await buildContribution(engine, { asOf: AS_OF, k: 1, pilotCode: 'baseline', producer: 'test' });
    const pool = await freshEngine();
    await poolContribution(pool, await readContribution(new Blob([JSON.stringify(document)])), 'sample.json');
    const settings = { asOf: AS_OF, k: 10, sources: { rows: false, contributions: true } as const };
    const pooled = readBaseline(await pool.query(baselineSql({}, settings)));
    const { annualSalary, ...rest } = baseline;
    expect(annualSalary).toBeDefined();
    expect(pooled.annualSalary).toBeUndefined();
    expect(unmeasured(pooled, settings).annualSalary).toBe('Not measured: pooled contributions carry no salaries.');
    for (const [key, m] of Object.entries(rest)) {
      const p = pooled[key as keyof Baseline];
      expect(p?.n, key).toBe(m.n);
      expect(Math.abs((p?.value ?? Number.NaN) - m.value), key).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(m.value)));
    }
    await pool.close();
  });
});
