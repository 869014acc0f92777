import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { type FileReport } from '../../src/ingest/load';
import { ingestFiles } from '../../src/ingest/batch';
import { computeOverview, type Overview } from '../../src/metrics/overview';
import { DEFAULT_K, LATEST_DATE_SQL } from '../../src/metrics/settings';
import { freshEngine } from '../support/engine';
import { fileFrom, SAMPLE, SAMPLE_FILES } from '../support/files';
import { shown } from '../support/shown';
import { dayNumber, kaplanMeierAt, quantileType7, readPlainCsv } from '../support/plain-csv';

let engine: Engine;
let reports: FileReport[];
let overview: Overview;
let asOf: string;
const employers = readPlainCsv(path.join(SAMPLE, 'employers.csv'));
const hires = readPlainCsv(path.join(SAMPLE, 'hires.csv'));
const training = readPlainCsv(path.join(SAMPLE, 'training.csv'));

beforeAll(async () => {
  engine = await freshEngine();
  reports = await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  asOf = latest?.latest ?? '';
  overview = await computeOverview((sql) => engine.query(sql), { asOf, k: DEFAULT_K });
});

const isTrue = (v: string | undefined) => v === 'true';

describe('the sample data through the real engine', () => {
  it('loads every row of every file and rejects none', () => {
    expect(reports.map((r) => [r.kind, r.rowsLoaded, r.rowsRejected, r.error])).toEqual([
      ['employers', employers.length, 0, null],
      ['hires', hires.length, 0, null],
      ['training', training.length, 0, null],
    ]);
    expect(employers.length).toBeGreaterThanOrEqual(55);
    expect(hires.length).toBeGreaterThanOrEqual(40_000);
    expect(hires.length).toBeLessThanOrEqual(60_000);
  });

  it('defaults the as-of date to the latest date in any file', () => {
    const dates = [...employers, ...hires, ...training].flatMap((r) =>
      Object.entries(r)
        .filter(([k, v]) => k.endsWith('_on') && v !== '')
        .map(([, v]) => v),
    );
    expect(asOf).toBe(dates.sort().at(-1));
  });

  it('gives the median time-to-fill per group as a plain sort does', () => {
    for (const group of ['ler', 'non_ler'] as const) {
      const days = hires
        .filter((h) => isTrue(h.ler_verified) === (group === 'ler') && (h.offer_accepted_on ?? '') <= asOf)
        .map((h) => dayNumber(h.offer_accepted_on ?? '') - dayNumber(h.requisition_opened_on ?? ''))
        .sort((a, b) => a - b);
      const cell = shown(overview.timeToFillMedian[group], group);
      expect(cell.n).toBe(days.length);
      expect(cell.median).toBeCloseTo(quantileType7(days, 0.5), 9);
    }
  });

  it('gives 12-month retention per group as a plain Kaplan-Meier does', () => {
    const end = dayNumber(asOf);
    for (const group of ['ler', 'non_ler'] as const) {
      const subjects = hires
        .filter((h) => isTrue(h.ler_verified) === (group === 'ler') && (h.started_on ?? '') <= asOf)
        .map((h) => {
          const separated = h.separated_on !== '' && (h.separated_on ?? '') <= asOf;
          return { time: (separated ? dayNumber(h.separated_on ?? '') : end) - dayNumber(h.started_on ?? ''), event: separated };
        });
      const cell = shown(overview.retention365[group], group);
      expect(cell.n).toBe(subjects.length);
      if (cell.s === null) throw new Error('sample groups must be followed for a year');
      expect(cell.s).toBeCloseTo(kaplanMeierAt(subjects, 365), 9);
      expect(cell.lo).toBeLessThan(cell.s);
      expect(cell.hi).toBeGreaterThan(cell.s);
    }
  });

  it('totals training and adoption as plain counting does', () => {
    const started = training.filter((t) => (t.started_on ?? '') <= asOf);
    expect(overview.training).toEqual({
      enrollments: started.length,
      completions: started.filter((t) => t.completed_on !== '' && (t.completed_on ?? '') <= asOf).length,
      cost: expect.closeTo(
        started.reduce((sum, t) => sum + Number(t.cost), 0),
        6,
      ) as unknown as number,
      people: new Set(started.map((t) => t.person_id).filter((p) => p !== '')).size,
    });
    const counted = hires.filter((h) => (h.offer_accepted_on ?? '') <= asOf);
    expect(overview.adoption).toEqual({
      employers: employers.length,
      adopted: employers.filter((e) => e.ler_adopted_on !== '' && (e.ler_adopted_on ?? '') <= asOf).length,
      hires: counted.length,
      lerHires: counted.filter((h) => isTrue(h.ler_verified)).length,
    });
  });

  it('shows the planted retention effect: LER-verified hires stay longer', () => {
    const [ler, other] = [shown(overview.retention365.ler).s, shown(overview.retention365.non_ler).s];
    if (ler === null || other === null) throw new Error('sample groups must be followed for a year');
    expect(ler).toBeGreaterThan(other);
  });
});
