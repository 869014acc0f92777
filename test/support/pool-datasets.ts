import fc from 'fast-check';
import { EMPLOYERS, HIRES, TRAINING, type TableSpec } from '../../src/ingest/contract';

/**
 * Small, valid, varied datasets for the pooling tests: employers with their own hires and training, a
 * person's hires and enrollments all at one employer (DESIGN §7's contract: no person links employers of
 * different contributions), money with cents, separations after the as-of date, enrollments without a
 * person and people enrolled but never hired.
 */

const DAY0 = Date.UTC(2022, 0, 1) / 86_400_000;
const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export interface Dataset {
  employers: string[][];
  hires: string[][];
  training: string[][];
}

const names = (table: TableSpec, without: readonly string[] = []) => table.columns.map((c) => c.name).filter((c) => !without.includes(c));
const EMPLOYER_HEADER = names(EMPLOYERS);
/** The rows below give every contract column but these. */
const HIRE_HEADER = names(HIRES, ['internal']);
const TRAINING_HEADER = names(TRAINING, ['wage_after']);

const hire = fc.record({
  opened: fc.integer({ min: 0, max: 1400 }),
  fill: fc.integer({ min: 0, max: 120 }),
  applyBefore: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  start: fc.integer({ min: 0, max: 40 }),
  stay: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: null }),
  type: fc.constantFrom('voluntary', 'involuntary', 'other', ''),
  ler: fc.boolean(),
  degree: fc.constantFrom('true', 'false', ''),
  occupation: fc.constantFrom('Sales', 'Care', 'IT', 'Logistics', ''),
  cost: fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }),
  person: fc.integer({ min: 0, max: 30 }),
  trainings: fc.array(
    fc.record({
      after: fc.integer({ min: -30, max: 500 }),
      program: fc.constantFrom('Welding', 'Nursing', 'Forklift'),
      length: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      cost: fc.integer({ min: 0, max: 400_000 }),
      hours: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
      credential: fc.constantFrom('true', 'false', ''),
      promoted: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      anonymous: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

const employer = fc.record({
  industry: fc.constantFrom('Retail', 'Health', 'Logistics', ''),
  size: fc.constantFrom('1-49', '50-249', '250-999', '1000+', ''),
  region: fc.constantFrom('OH', 'TX', 'CA', ''),
  adopted: fc.option(fc.integer({ min: 100, max: 1400 }), { nil: null }),
  hires: fc.array(hire, { minLength: 0, maxLength: 40 }),
  extraTrainees: fc.integer({ min: 0, max: 2 }),
});

/** A dataset of 2 to 10 employers. */
export const datasetArbitrary: fc.Arbitrary<Dataset> = fc.array(employer, { minLength: 2, maxLength: 10 }).map((list) => {
  const data: Dataset = { employers: [EMPLOYER_HEADER], hires: [HIRE_HEADER], training: [TRAINING_HEADER] };
  let hireId = 0;
  let enrollmentId = 0;
  list.forEach((e, i) => {
    const id = `E${String(i + 1).padStart(2, '0')}`;
    data.employers.push([id, e.industry, e.size, e.region, e.adopted === null ? '' : iso(DAY0 + e.adopted)]);
    for (const h of e.hires) {
      const opened = DAY0 + h.opened;
      const offer = opened + h.fill;
      const started = offer + h.start;
      const person = `${id}-P${h.person}`;
      data.hires.push([
        `H${++hireId}`,
        id,
        person,
        h.occupation,
        iso(opened),
        h.applyBefore === null ? '' : iso(Math.max(opened, offer - h.applyBefore)),
        iso(offer),
        iso(started),
        h.stay === null ? '' : iso(started + h.stay),
        h.stay === null ? '' : h.type,
        String(h.ler),
        h.degree,
        '52000',
        h.cost === null ? '' : (h.cost / 100).toFixed(2),
      ]);
      for (const t of h.trainings) {
        const begin = started + t.after;
        data.training.push([
          `T${++enrollmentId}`,
          id,
          t.anonymous ? '' : person,
          t.program,
          iso(begin),
          t.length === null ? '' : iso(begin + t.length),
          (t.cost / 100).toFixed(2),
          t.hours === null ? '' : String(t.hours),
          t.credential,
          '41000.5',
          t.length === null || t.promoted === null ? '' : iso(begin + t.length + t.promoted),
        ]);
      }
    }
    // People who enroll but were never hired here.
    for (let n = 0; n < e.extraTrainees; n++)
      data.training.push([`T${++enrollmentId}`, id, `${id}-X${n}`, 'Welding', iso(DAY0 + 300 + n), '', '100', '', 'true', '', '']);
  });
  return data;
});

/** The CSV text of a table, quoting what needs it. */
export const csvText = (rows: string[][]) =>
  `${rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\n')}\n`;

/** The dataset's rows of some employers only (by id). */
export function subset(data: Dataset, employerIds: ReadonlySet<string>): Dataset {
  const keep = (rows: string[][], at: number) => [rows[0] ?? [], ...rows.slice(1).filter((r) => employerIds.has(r[at] ?? ''))];
  return { employers: keep(data.employers, 0), hires: keep(data.hires, 1), training: keep(data.training, 1) };
}

/** The dataset with employer ids replaced (e.g. by their pilot keys). */
export function renamed(data: Dataset, rename: (id: string) => string): Dataset {
  const at = (rows: string[][], column: number) => rows.map((r, i) => (i === 0 ? r : r.map((v, j) => (j === column ? rename(v) : v))));
  return { employers: at(data.employers, 0), hires: at(data.hires, 1), training: at(data.training, 1) };
}

export const datasetFiles = (data: Dataset) => [
  new File([csvText(data.employers)], 'employers.csv'),
  new File([csvText(data.hires)], 'hires.csv'),
  new File([csvText(data.training)], 'training.csv'),
];
