/**
 * The naive alternative: the overview's figures (median time-to-fill and Kaplan-Meier 12-month
 * retention per group, training totals, adoption counts) with PapaParse and plain JavaScript, no
 * database and no validation. Written as a careful developer would (streamed parse, only the
 * needed columns kept as numbers, typed-array sorts), so the ratio against the product is not flattered.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { Z_975 } from '../../src/stats/normal';

type Group = 'ler' | 'non_ler';
const GROUPS: readonly Group[] = ['ler', 'non_ler'];
const MS_PER_DAY = 86_400_000;
const LANDMARK = 365;

export interface NaiveOverview {
  asOf: string;
  timeToFillMedian: Record<Group, { n: number; median: number }>;
  retention365: Record<Group, { n: number; s: number | null; lo: number | null; hi: number | null }>;
  training: { enrollments: number; completions: number; cost: number; people: number };
  adoption: { employers: number; adopted: number; hires: number; lerHires: number };
}

export interface NaiveRun {
  parse_s: number;
  compute_s: number;
  total_s: number;
  overview: NaiveOverview;
}

const dayOf = (iso: string | undefined) =>
  iso ? Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY : Number.NaN;

/** Streams a CSV's records (header row as keys) to `onRow`. */
function parseCsv(file: string, onRow: (row: Record<string, string>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    Papa.parse<Record<string, string>>(createReadStream(file), {
      header: true,
      skipEmptyLines: true,
      chunk: (results) => results.data.forEach(onRow),
      complete: () => resolve(),
      error: reject,
    });
  });
}

interface Columns {
  latest: number;
  adoptedOn: number[];
  hire: { ler: boolean[]; opened: number[]; offer: number[]; started: number[]; separated: number[] };
  training: { started: number[]; completed: number[]; cost: number[]; person: string[] };
}

async function readColumns(dir: string): Promise<Columns> {
  const c: Columns = {
    latest: -Infinity,
    adoptedOn: [],
    hire: { ler: [], opened: [], offer: [], started: [], separated: [] },
    training: { started: [], completed: [], cost: [], person: [] },
  };
  const seen = (...days: number[]) => {
    for (const d of days) if (d > c.latest) c.latest = d;
  };
  await parseCsv(path.join(dir, 'employers.csv'), (r) => {
    const adopted = dayOf(r.ler_adopted_on);
    c.adoptedOn.push(adopted);
    seen(adopted);
  });
  await parseCsv(path.join(dir, 'hires.csv'), (r) => {
    const [opened, offer, started, separated] = [
      dayOf(r.requisition_opened_on),
      dayOf(r.offer_accepted_on),
      dayOf(r.started_on),
      dayOf(r.separated_on),
    ];
    c.hire.ler.push(r.ler_verified === 'true');
    c.hire.opened.push(opened);
    c.hire.offer.push(offer);
    c.hire.started.push(started);
    c.hire.separated.push(separated);
    seen(opened, offer, started, separated, dayOf(r.applied_on));
  });
  await parseCsv(path.join(dir, 'training.csv'), (r) => {
    const [started, completed] = [dayOf(r.started_on), dayOf(r.completed_on)];
    c.training.started.push(started);
    c.training.completed.push(completed);
    c.training.cost.push(Number(r.cost));
    c.training.person.push(r.person_id ?? '');
    seen(started, completed, dayOf(r.promoted_on));
  });
  return c;
}

/** R type 7 / quantile_cont on an ascending array. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = sorted[Math.floor(h)] ?? Number.NaN;
  const hi = sorted[Math.ceil(h)] ?? Number.NaN;
  return lo + (h - Math.floor(h)) * (hi - lo);
}

function medianTimeToFill(c: Columns, asOf: number, group: Group) {
  const days: number[] = [];
  const { ler, opened, offer } = c.hire;
  for (let i = 0; i < ler.length; i++) {
    if (ler[i] === (group === 'ler') && (offer[i] ?? Infinity) <= asOf) days.push((offer[i] ?? 0) - (opened[i] ?? 0));
  }
  const sorted = Float64Array.from(days).sort();
  return { n: sorted.length, median: quantile(sorted, 0.5) };
}

/**
 * Kaplan-Meier S(365) with the log-scale Greenwood interval. Each subject is encoded as 2·tenure + (censored ? 1 : 0),
 * so one numeric sort orders by tenure with events before censorings on the same day, as R survival does.
 */
function retentionAt365(c: Columns, asOf: number, group: Group) {
  const keys: number[] = [];
  const { ler, started, separated } = c.hire;
  for (let i = 0; i < ler.length; i++) {
    const start = started[i] ?? Infinity;
    if (ler[i] !== (group === 'ler') || start > asOf) continue;
    const sep = separated[i] ?? Number.NaN;
    const event = sep <= asOf;
    keys.push(2 * ((event ? sep : asOf) - start) + (event ? 0 : 1));
  }
  const sorted = Float64Array.from(keys).sort();
  let atRisk = sorted.length;
  let s = 1;
  let greenwood = 0;
  for (let i = 0; i < sorted.length && Math.floor((sorted[i] ?? 0) / 2) <= LANDMARK;) {
    const day = Math.floor((sorted[i] ?? 0) / 2);
    let events = 0;
    let leaving = 0;
    for (; i < sorted.length && Math.floor((sorted[i] ?? 0) / 2) === day; i++, leaving++) if ((sorted[i] ?? 0) % 2 === 0) events++;
    if (events > 0) {
      s *= 1 - events / atRisk;
      greenwood += events < atRisk ? events / (atRisk * (atRisk - events)) : 0;
    }
    atRisk -= leaving;
  }
  const lastDay = sorted.length > 0 ? Math.floor((sorted[sorted.length - 1] ?? 0) / 2) : -1;
  if (lastDay < LANDMARK) return { n: sorted.length, s: null, lo: null, hi: null };
  const spread = Z_975 * Math.sqrt(greenwood);
  return { n: sorted.length, s, lo: s > 0 ? s * Math.exp(-spread) : null, hi: s > 0 ? Math.min(1, s * Math.exp(spread)) : null };
}

function trainingTotals(c: Columns, asOf: number) {
  const people = new Set<string>();
  let enrollments = 0;
  let completions = 0;
  let cost = 0;
  const t = c.training;
  for (let i = 0; i < t.started.length; i++) {
    if ((t.started[i] ?? Infinity) > asOf) continue;
    enrollments++;
    if ((t.completed[i] ?? Infinity) <= asOf) completions++;
    cost += t.cost[i] ?? 0;
    if (t.person[i]) people.add(t.person[i] ?? '');
  }
  return { enrollments, completions, cost, people: people.size };
}

function adoptionCounts(c: Columns, asOf: number) {
  let hires = 0;
  let lerHires = 0;
  c.hire.offer.forEach((offer, i) => {
    if (offer > asOf) return;
    hires++;
    if (c.hire.ler[i]) lerHires++;
  });
  return { employers: c.adoptedOn.length, adopted: c.adoptedOn.filter((d) => d <= asOf).length, hires, lerHires };
}

const byGroup = <T>(make: (g: Group) => T) => Object.fromEntries(GROUPS.map((g) => [g, make(g)])) as Record<Group, T>;

/** Parses the three CSVs in `dir` and computes the overview from them, timing both halves. */
export async function naiveOverview(dir: string): Promise<NaiveRun> {
  const start = performance.now();
  const columns = await readColumns(dir);
  const parsed = performance.now();
  const asOf = columns.latest;
  const overview: NaiveOverview = {
    asOf: new Date(asOf * MS_PER_DAY).toISOString().slice(0, 10),
    timeToFillMedian: byGroup((g) => medianTimeToFill(columns, asOf, g)),
    retention365: byGroup((g) => retentionAt365(columns, asOf, g)),
    training: trainingTotals(columns, asOf),
    adoption: adoptionCounts(columns, asOf),
  };
  const done = performance.now();
  return { parse_s: (parsed - start) / 1000, compute_s: (done - parsed) / 1000, total_s: (done - start) / 1000, overview };
}

/** Differences between the naive figures and the product's overview (empty when they agree to 1e-9). */
export function naiveDifferences(naive: NaiveOverview, ours: Record<string, unknown>): string[] {
  const differences: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (typeof a === 'number' || a === null) {
      const same = a === b || (typeof b === 'number' && typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
      if (!same) differences.push(`${at}: naive ${String(a)}, product ${String(b)}`);
      return;
    }
    if (typeof a === 'string') {
      if (a !== b) differences.push(`${at}: naive ${a}, product ${String(b)}`);
      return;
    }
    for (const [key, value] of Object.entries(a as object)) walk(value, (b as Record<string, unknown> | undefined)?.[key], `${at}.${key}`);
  };
  walk(naive, ours, 'overview');
  return differences;
}
