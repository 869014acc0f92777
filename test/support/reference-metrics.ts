/**
 * An independent second implementation of the statistical metrics of DESIGN §4, in plain TypeScript
 * over raw CSV records (as read by readPlainCsv), written straight from the definitions: loops over
 * subjects, no aggregates, no SQL. It imports nothing from src/, so agreement with the product's SQL
 * is evidence that both follow the definitions rather than each other.
 */
import { dayNumber, quantileType7 } from './plain-csv';

export type CsvRecord = Record<string, string>;

/** Two-sided 95% standard normal quantile, Φ⁻¹(0.975). */
export const Z_975 = 1.959963984540054;

/** A field of a record, '' when absent. */
export const field = (r: CsvRecord, name: string): string => r[name] ?? '';

/** DESIGN §4 groups: `ler` = ler_verified true, `non_ler` = the rest. */
export type Group = 'ler' | 'non_ler';
export const groupOf = (hire: CsvRecord): Group => (field(hire, 'ler_verified') === 'true' ? 'ler' : 'non_ler');

// ---------------------------------------------------------------------------------------------
// Durations (time to fill / time to hire)
// ---------------------------------------------------------------------------------------------

export type Duration = 'time_to_fill' | 'time_to_hire';
const DURATION_START: Record<Duration, string> = { time_to_fill: 'requisition_opened_on', time_to_hire: 'applied_on' };

/**
 * Whole days from the duration's start to offer_accepted_on for the hires of a group whose offer was
 * accepted by the as-of date (time to hire: only hires with applied_on), sorted ascending.
 */
export function durationDays(hires: readonly CsvRecord[], asOf: string, duration: Duration, group: Group): number[] {
  const startColumn = DURATION_START[duration];
  const end = dayNumber(asOf);
  const days: number[] = [];
  for (const hire of hires) {
    if (groupOf(hire) !== group) continue;
    const start = field(hire, startColumn);
    const offer = field(hire, 'offer_accepted_on');
    if (start === '' || offer === '') continue;
    if (dayNumber(offer) > end) continue;
    days.push(dayNumber(offer) - dayNumber(start));
  }
  return days.sort((a, b) => a - b);
}

export interface Distribution {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator), two-pass. */
  variance: number;
  median: number;
  p25: number;
  p75: number;
  p90: number;
}

/** n, mean, sample variance and R type 7 quantiles of sorted values. */
export function distribution(sorted: readonly number[]): Distribution {
  const n = sorted.length;
  let sum = 0;
  for (const x of sorted) sum += x;
  const mean = sum / n;
  let squares = 0;
  for (const x of sorted) squares += (x - mean) * (x - mean);
  return {
    n,
    mean,
    variance: n > 1 ? squares / (n - 1) : Number.NaN,
    median: quantileType7(sorted, 0.5),
    p25: quantileType7(sorted, 0.25),
    p75: quantileType7(sorted, 0.75),
    p90: quantileType7(sorted, 0.9),
  };
}

// ---------------------------------------------------------------------------------------------
// Survival: Kaplan-Meier and log-rank
// ---------------------------------------------------------------------------------------------

export interface Subject {
  time: number;
  event: boolean;
}

/**
 * Tenure subjects of a group: started_on → separated_on when separated_on ≤ as-of (an event),
 * otherwise censored at the as-of date; hires starting after the as-of date are excluded.
 */
export function tenureSubjects(hires: readonly CsvRecord[], asOf: string, group: Group): Subject[] {
  const end = dayNumber(asOf);
  const subjects: Subject[] = [];
  for (const hire of hires) {
    if (groupOf(hire) !== group) continue;
    const started = dayNumber(field(hire, 'started_on'));
    if (started > end) continue;
    const separatedText = field(hire, 'separated_on');
    const separated = separatedText === '' ? null : dayNumber(separatedText);
    if (separated !== null && separated <= end) subjects.push({ time: separated - started, event: true });
    else subjects.push({ time: end - started, event: false });
  }
  return subjects;
}

export interface KmPoint {
  /** Null past the last observed time (nobody followed that long: S(t) is not estimated, as R's extend = FALSE). */
  s: number | null;
  /** Greenwood's Σ d/(n(n−d)) over event times ≤ t; null once S has reached 0. */
  variance: number | null;
  lo: number | null;
  hi: number | null;
}

export interface KmSummary {
  n: number;
  events: number;
  /** First event time with S ≤ 0.5, null if S never gets there. */
  median: number | null;
  at: Map<number, KmPoint>;
}

/** Sorted distinct times at which at least one event happens. */
function distinctEventTimes(subjects: readonly Subject[]): number[] {
  const times = new Set<number>();
  for (const s of subjects) if (s.event) times.add(s.time);
  return [...times].sort((a, b) => a - b);
}

/**
 * Kaplan-Meier at each landmark: S(t) = Π over distinct event times tᵢ ≤ t of (1 − dᵢ/nᵢ), nᵢ = number
 * with time ≥ tᵢ (so events at tᵢ happen before censorings at tᵢ); Greenwood V = Σ d/(n(n−d)); 95%
 * interval on the log scale S·exp(±z·√V), upper end capped at 1, null when S = 0. A landmark later than
 * every subject's time (event or censoring) is not estimated: S, and its interval, are null.
 */
export function kaplanMeier(subjects: readonly Subject[], landmarks: readonly number[]): KmSummary {
  const times = distinctEventTimes(subjects);
  // The curve at each distinct event time.
  const curve: { time: number; s: number; variance: number | null }[] = [];
  let s = 1;
  let greenwood: number | null = 0;
  for (const time of times) {
    let atRisk = 0;
    let deaths = 0;
    for (const subject of subjects) {
      if (subject.time >= time) atRisk += 1;
      if (subject.event && subject.time === time) deaths += 1;
    }
    s *= 1 - deaths / atRisk;
    greenwood = greenwood === null || deaths >= atRisk ? null : greenwood + deaths / (atRisk * (atRisk - deaths));
    if (deaths >= atRisk) s = 0;
    curve.push({ time, s, variance: greenwood });
  }

  let lastTime = Number.NEGATIVE_INFINITY;
  for (const subject of subjects) if (subject.time > lastTime) lastTime = subject.time;

  const at = new Map<number, KmPoint>();
  for (const t of landmarks) {
    if (t > lastTime) {
      at.set(t, { s: null, variance: null, lo: null, hi: null });
      continue;
    }
    let point = { s: 1, variance: 0 as number | null };
    for (const step of curve) if (step.time <= t) point = { s: step.s, variance: step.variance };
    const open = point.s > 0 && point.variance !== null;
    const half = open && point.variance !== null ? Z_975 * Math.sqrt(point.variance) : 0;
    at.set(t, {
      s: point.s,
      variance: point.variance,
      lo: open ? point.s * Math.exp(-half) : null,
      hi: open ? Math.min(1, point.s * Math.exp(half)) : null,
    });
  }

  let median: number | null = null;
  for (const step of curve) {
    if (step.s <= 0.5) {
      median = step.time;
      break;
    }
  }
  let events = 0;
  for (const subject of subjects) if (subject.event) events += 1;
  return { n: subjects.length, events, median, at };
}

export interface LogRank {
  observedMinusExpected: number;
  variance: number;
  chi2: number;
}

/**
 * Two-group log-rank test: over the distinct event times of the pooled sample, O_A − E_A =
 * Σ (d_A − d·n_A/n) and hypergeometric V = Σ d·(n_A/n)(1 − n_A/n)(n − d)/(n − 1) (0 when n = 1);
 * chi-square (1 df) = (O_A − E_A)²/V.
 */
export function logRank(groupA: readonly Subject[], groupB: readonly Subject[]): LogRank {
  const times = distinctEventTimes([...groupA, ...groupB]);
  let observedMinusExpected = 0;
  let variance = 0;
  for (const time of times) {
    let nA = 0;
    let dA = 0;
    let nB = 0;
    let dB = 0;
    for (const subject of groupA) {
      if (subject.time >= time) nA += 1;
      if (subject.event && subject.time === time) dA += 1;
    }
    for (const subject of groupB) {
      if (subject.time >= time) nB += 1;
      if (subject.event && subject.time === time) dB += 1;
    }
    const n = nA + nB;
    const d = dA + dB;
    observedMinusExpected += dA - (d * nA) / n;
    if (n > 1) variance += (d * (nA / n) * (1 - nA / n) * (n - d)) / (n - 1);
  }
  return { observedMinusExpected, variance, chi2: (observedMinusExpected * observedMinusExpected) / variance };
}

// ---------------------------------------------------------------------------------------------
// Upskilling retention (all enrollments)
// ---------------------------------------------------------------------------------------------

export interface UpskillingRetention {
  trainees: number;
  /** Median days from the trainee's hire to their first enrollment (type 7), the comparison group's landmark L. */
  landmark: number | null;
  comparisonN: number;
  sTrainee: number | null;
  sComparison: number | null;
  /** Plain-scale Greenwood variances S²·Σ d/(n(n−d)) of sTrainee and sComparison (0 where S = 0). */
  varTrainee: number | null;
  varComparison: number | null;
}

/**
 * DESIGN §4's retention part of upskilling ROI over all enrollments: trainees are people whose first
 * enrollment started by the as-of date, linked to their latest hire started on or before it (ties: the
 * lowest hire_id) unless that hire ended before it; their clock runs from the first enrollment. The
 * comparison group is hires with a person_id who never enrolled, at the trainees' employers, still employed
 * at tenure L (tenure > L if separated, follow-up ≥ L if censored), their clock from started_on + L.
 * Both are censored at the as-of date; S(365) by Kaplan-Meier.
 */
export function upskillingRetention(training: readonly CsvRecord[], hires: readonly CsvRecord[], asOf: string): UpskillingRetention {
  const end = dayNumber(asOf);
  const enrolled = new Set(training.map((t) => field(t, 'person_id')).filter((p) => p !== ''));
  const firstStart = new Map<string, number>();
  for (const t of training) {
    const person = field(t, 'person_id');
    const started = dayNumber(field(t, 'started_on'));
    if (person === '' || started > end) continue;
    firstStart.set(person, Math.min(firstStart.get(person) ?? Infinity, started));
  }
  const hiresOf = new Map<string, CsvRecord[]>();
  for (const h of hires) {
    const person = field(h, 'person_id');
    if (person !== '') hiresOf.set(person, [...(hiresOf.get(person) ?? []), h]);
  }
  const separation = (h: CsvRecord) => (field(h, 'separated_on') === '' ? null : dayNumber(field(h, 'separated_on')));
  const trainees: Subject[] = [];
  const sinceHire: number[] = [];
  const employers = new Set<string>();
  for (const [person, first] of firstStart) {
    const candidates = (hiresOf.get(person) ?? []).filter((h) => dayNumber(field(h, 'started_on')) <= first);
    if (candidates.length === 0) continue;
    candidates.sort(
      (a, b) =>
        dayNumber(field(b, 'started_on')) - dayNumber(field(a, 'started_on')) || (field(a, 'hire_id') < field(b, 'hire_id') ? -1 : 1),
    );
    const hire = candidates[0] as CsvRecord;
    const separated = separation(hire);
    if (separated !== null && separated < first) continue;
    trainees.push(separated !== null && separated <= end ? { time: separated - first, event: true } : { time: end - first, event: false });
    sinceHire.push(first - dayNumber(field(hire, 'started_on')));
    employers.add(field(hire, 'employer_id'));
  }
  const landmark =
    sinceHire.length > 0
      ? quantileType7(
          [...sinceHire].sort((a, b) => a - b),
          0.5,
        )
      : null;
  const comparison: Subject[] = [];
  for (const h of hires) {
    const person = field(h, 'person_id');
    if (landmark === null || person === '' || enrolled.has(person) || !employers.has(field(h, 'employer_id'))) continue;
    const started = dayNumber(field(h, 'started_on'));
    const separated = separation(h);
    const event = separated !== null && separated <= end;
    const tenure = (event ? (separated as number) : end) - started;
    if (event ? tenure > landmark : tenure >= landmark) comparison.push({ time: tenure - landmark, event });
  }
  const at365 = (subjects: Subject[]) => (subjects.length > 0 ? kaplanMeier(subjects, [365]).at.get(365) : undefined);
  const plainVariance = (p: KmPoint | undefined) =>
    p?.s === null || p?.s === undefined ? null : p.s === 0 ? 0 : p.s * p.s * (p.variance ?? 0);
  const [t, c] = [at365(trainees), at365(comparison)];
  return {
    trainees: trainees.length,
    landmark,
    comparisonN: comparison.length,
    sTrainee: t?.s ?? null,
    sComparison: c?.s ?? null,
    varTrainee: plainVariance(t),
    varComparison: plainVariance(c),
  };
}

// ---------------------------------------------------------------------------------------------
// Staggered difference-in-differences (DESIGN §4 pilot_did)
// ---------------------------------------------------------------------------------------------

/** Quarter index year·4 + (quarter − 1) of an ISO date. */
export function quarterIndex(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return year * 4 + Math.floor((month - 1) / 3);
}

export interface AttCell {
  g: number;
  t: number;
  e: number;
  /** Hire count of the treated cell (g, t). */
  n: number;
  att: number;
}

export interface DidEstimates {
  /** Hire-weighted mean of ATT(g, t) over all t ≥ g; null when there is none. */
  att: number | null;
  /** ATT(e) for e in −4…8 with at least one cell, ascending e. */
  eventStudy: { e: number; estimate: number; n: number }[];
  treatedEmployers: number;
  controlEmployers: number;
  droppedCohorts: number;
  cells: AttCell[];
}

export const EVENT_FIRST = -4;
export const EVENT_LAST = 8;

/** One observation of a DiD outcome: a hire of an employer, in period (quarter index) t, with value y. */
export interface DidObservation {
  employerId: string;
  t: number;
  y: number;
}

/**
 * Cohort of each employer as of the as-of date: the quarter index of ler_adopted_on when it is on or
 * before the as-of date, otherwise null (a never-treated control).
 */
export function didCohorts(employers: readonly CsvRecord[], asOf: string): Map<string, number | null> {
  const end = dayNumber(asOf);
  const cohortOf = new Map<string, number | null>();
  for (const employer of employers) {
    const adopted = field(employer, 'ler_adopted_on');
    cohortOf.set(field(employer, 'employer_id'), adopted !== '' && dayNumber(adopted) <= end ? quarterIndex(adopted) : null);
  }
  return cohortOf;
}

/**
 * The staggered DiD over per-hire observations, with never-treated controls and universal base period
 * g − 1: Ȳ(g, t) is the mean y of the observations of cohort-g employers in period t (Ȳ(∞, t) for
 * controls); ATT(g, t) = [Ȳ(g, t) − Ȳ(g, g−1)] − [Ȳ(∞, t) − Ȳ(∞, g−1)], a cell missing any term is
 * skipped, a cohort missing Ȳ(g, g−1) or Ȳ(∞, g−1) is dropped and counted. Event study and overall ATT
 * (t ≥ g) are weighted by the treated cell's observation count. Units are the employers (of cohortOf)
 * with at least one observation; observations of employers not in cohortOf are ignored.
 */
export function didFromObservations(cohortOf: ReadonlyMap<string, number | null>, observations: readonly DidObservation[]): DidEstimates {
  // Sum and count of y by (cohort, period); "inf" is the never-treated group.
  const sums = new Map<string, { sum: number; n: number }>();
  const key = (g: number | null, t: number) => `${g === null ? 'inf' : g}|${t}`;
  const units = new Set<string>();
  const periods = new Set<number>();
  for (const observation of observations) {
    if (!cohortOf.has(observation.employerId)) continue;
    units.add(observation.employerId);
    periods.add(observation.t);
    const g = cohortOf.get(observation.employerId) ?? null;
    const cell = sums.get(key(g, observation.t)) ?? { sum: 0, n: 0 };
    cell.sum += observation.y;
    cell.n += 1;
    sums.set(key(g, observation.t), cell);
  }
  const ybar = (g: number | null, t: number): number | null => {
    const cell = sums.get(key(g, t));
    return cell && cell.n > 0 ? cell.sum / cell.n : null;
  };
  const count = (g: number, t: number): number => sums.get(key(g, t))?.n ?? 0;

  let treatedEmployers = 0;
  let controlEmployers = 0;
  const cohorts = new Set<number>();
  for (const employerId of units) {
    const g = cohortOf.get(employerId) ?? null;
    if (g === null) controlEmployers += 1;
    else {
      treatedEmployers += 1;
      cohorts.add(g);
    }
  }

  const cells: AttCell[] = [];
  let droppedCohorts = 0;
  for (const g of [...cohorts].sort((a, b) => a - b)) {
    const treatedBase = ybar(g, g - 1);
    const controlBase = ybar(null, g - 1);
    if (treatedBase === null || controlBase === null) {
      droppedCohorts += 1;
      continue;
    }
    for (const t of [...periods].sort((a, b) => a - b)) {
      const treated = ybar(g, t);
      const control = ybar(null, t);
      if (treated === null || control === null) continue;
      cells.push({ g, t, e: t - g, n: count(g, t), att: treated - treatedBase - (control - controlBase) });
    }
  }

  const eventStudy: DidEstimates['eventStudy'] = [];
  for (let e = EVENT_FIRST; e <= EVENT_LAST; e += 1) {
    let weighted = 0;
    let n = 0;
    for (const cell of cells) {
      if (cell.e !== e) continue;
      weighted += cell.n * cell.att;
      n += cell.n;
    }
    if (n > 0) eventStudy.push({ e, estimate: weighted / n, n });
  }

  let weighted = 0;
  let n = 0;
  for (const cell of cells) {
    if (cell.t < cell.g) continue;
    weighted += cell.n * cell.att;
    n += cell.n;
  }
  return { att: n > 0 ? weighted / n : null, eventStudy, treatedEmployers, controlEmployers, droppedCohorts, cells };
}

/**
 * Point estimates of the staggered DiD of time to fill (DESIGN §4 pilot_did). Only hires with
 * offer_accepted_on ≤ as-of count; period = quarter of requisition_opened_on, y = time to fill in days;
 * an employer whose ler_adopted_on ≤ as-of is in cohort g = its quarter, any other is a never-treated
 * control; units are employers with a counted hire.
 */
export function staggeredDid(employers: readonly CsvRecord[], hires: readonly CsvRecord[], asOf: string): DidEstimates {
  const end = dayNumber(asOf);
  const cohortOf = didCohorts(employers, asOf);
  const observations: DidObservation[] = [];
  for (const hire of hires) {
    const employerId = field(hire, 'employer_id');
    if (!cohortOf.has(employerId)) continue;
    const offer = dayNumber(field(hire, 'offer_accepted_on'));
    if (offer > end) continue;
    const opened = field(hire, 'requisition_opened_on');
    observations.push({ employerId, t: quarterIndex(opened), y: offer - dayNumber(opened) });
  }
  return didFromObservations(cohortOf, observations);
}

// ---------------------------------------------------------------------------------------------
// Retention DiD (DESIGN §4b pilot_did_retention)
// ---------------------------------------------------------------------------------------------

/** Day number of the last day of a quarter index (year·4 + quarter − 1). */
export function quarterLastDay(q: number): number {
  const next = q + 1;
  const year = Math.floor(next / 4);
  const month = (next - year * 4) * 3 + 1;
  return dayNumber(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`) - 1;
}

export interface RetentionDidEstimates extends DidEstimates {
  /**
   * Among the observations of adopting employers (cohort g) with t ≥ g, the share with
   * ler_verified true; null when there is none.
   */
  lerSharePost: number | null;
}

/**
 * The staggered DiD of first-year retention (DESIGN §4b pilot_did_retention). An observation is a
 * hire with started_on whose start quarter t has full follow-up (last day of t + 365 ≤ as-of);
 * y = 1 when the hire is retained past day 365 (separated_on empty, after the as-of date, or
 * separated_on − started_on > 365), else 0 (separated on tenure day ≤ 365). Cohorts, ATT(g, t), event
 * study, overall ATT, dropped cohorts and employer counts exactly as for time to fill (didFromObservations).
 */
export function retentionDid(employers: readonly CsvRecord[], hires: readonly CsvRecord[], asOf: string): RetentionDidEstimates {
  const end = dayNumber(asOf);
  const cohortOf = didCohorts(employers, asOf);
  const observations: DidObservation[] = [];
  let postHires = 0;
  let postLer = 0;
  for (const hire of hires) {
    const employerId = field(hire, 'employer_id');
    if (!cohortOf.has(employerId)) continue;
    const startedText = field(hire, 'started_on');
    if (startedText === '') continue;
    const t = quarterIndex(startedText);
    if (quarterLastDay(t) + 365 > end) continue;
    const started = dayNumber(startedText);
    const separatedText = field(hire, 'separated_on');
    const retained = separatedText === '' || dayNumber(separatedText) > end || dayNumber(separatedText) - started > 365;
    observations.push({ employerId, t, y: retained ? 1 : 0 });
    const g = cohortOf.get(employerId) ?? null;
    if (g !== null && t >= g) {
      postHires += 1;
      if (field(hire, 'ler_verified') === 'true') postLer += 1;
    }
  }
  return { ...didFromObservations(cohortOf, observations), lerSharePost: postHires > 0 ? postLer / postHires : null };
}

// ---------------------------------------------------------------------------------------------
// Within-employer retention difference (DESIGN §4b retention_adjusted)
// ---------------------------------------------------------------------------------------------

export interface RetentionAdjusted {
  /** Σ w_s (S_ler,s(365) − S_non,s(365)) / Σ w_s over kept strata, w_s = LER hires; null when no stratum is kept. */
  estimate: number | null;
  lo: number | null;
  hi: number | null;
  /** √(Σ w_s² (V_ler,s + V_non,s)) / Σ w_s; null when no stratum is kept. */
  se: number | null;
  /** Kept strata: both groups present and both S(365) estimable. */
  strata: number;
  /** Strata with both groups where either group's S(365) is not estimable. */
  droppedStrata: number;
  /** Hires of each group in the kept strata. */
  lerHires: number;
  nonLerHires: number;
  /**
   * Stratified log-rank over the kept strata with follow-up truncated at day 365: Σ(O − E) of the LER
   * group, Σ hypergeometric variance, chi2 = (ΣO−E)²/ΣV (NaN or Infinity when ΣV = 0, as logRank).
   */
  logrank: LogRank;
}

/** S(365) and its plain-scale Greenwood variance S²·Σ d/(n(n−d)) (0 where S = 0), or null when S(365) is not estimable. */
function survivalAt365(subjects: readonly Subject[]): { s: number; v: number } | null {
  let lastTime = Number.NEGATIVE_INFINITY;
  for (const subject of subjects) if (subject.time > lastTime) lastTime = subject.time;
  if (lastTime >= 365) {
    // Someone is still at risk at day 365.
    const point = kaplanMeier(subjects, [365]).at.get(365);
    if (point?.s === null || point?.s === undefined) return null;
    return { s: point.s, v: point.s === 0 ? 0 : point.s * point.s * (point.variance ?? 0) };
  }
  // Follow-up ends before day 365: estimable only if the curve has already reached 0.
  const final = kaplanMeier(subjects, [lastTime]).at.get(lastTime);
  return final?.s === 0 ? { s: 0, v: 0 } : null;
}

/**
 * DESIGN §4b retention_adjusted: hires with started_on + 365 ≤ as-of, tenure censored at the as-of
 * date, stratified by employer × occupation × calendar year of started_on; per stratum with both
 * groups, Kaplan-Meier S(365) of each group, LER-hire-weighted mean difference with a normal 95%
 * interval, and a stratified log-rank truncated at day 365.
 */
export function retentionAdjusted(hires: readonly CsvRecord[], asOf: string): RetentionAdjusted {
  const end = dayNumber(asOf);
  const strata = new Map<string, { ler: Subject[]; non: Subject[] }>();
  for (const hire of hires) {
    const startedText = field(hire, 'started_on');
    if (startedText === '') continue;
    const started = dayNumber(startedText);
    if (started + 365 > end) continue;
    const separatedText = field(hire, 'separated_on');
    const separated = separatedText === '' ? null : dayNumber(separatedText);
    const subject: Subject =
      separated !== null && separated <= end ? { time: separated - started, event: true } : { time: end - started, event: false };
    const key = JSON.stringify([field(hire, 'employer_id'), field(hire, 'occupation'), startedText.slice(0, 4)]);
    const stratum = strata.get(key) ?? { ler: [], non: [] };
    (groupOf(hire) === 'ler' ? stratum.ler : stratum.non).push(subject);
    strata.set(key, stratum);
  }

  const truncate = (subjects: readonly Subject[]): Subject[] =>
    subjects.map((s) => ({ time: Math.min(s.time, 365), event: s.event && s.time <= 365 }));

  let kept = 0;
  let droppedStrata = 0;
  let lerHires = 0;
  let nonLerHires = 0;
  let weightSum = 0;
  let weightedDiff = 0;
  let weightedVariance = 0;
  let observedMinusExpected = 0;
  let variance = 0;
  for (const { ler, non } of strata.values()) {
    if (ler.length === 0 || non.length === 0) continue;
    const sLer = survivalAt365(ler);
    const sNon = survivalAt365(non);
    if (sLer === null || sNon === null) {
      droppedStrata += 1;
      continue;
    }
    kept += 1;
    lerHires += ler.length;
    nonLerHires += non.length;
    const w = ler.length;
    weightSum += w;
    weightedDiff += w * (sLer.s - sNon.s);
    weightedVariance += w * w * (sLer.v + sNon.v);
    const test = logRank(truncate(ler), truncate(non));
    observedMinusExpected += test.observedMinusExpected;
    variance += test.variance;
  }

  const estimate = weightSum > 0 ? weightedDiff / weightSum : null;
  const se = weightSum > 0 ? Math.sqrt(weightedVariance) / weightSum : null;
  return {
    estimate,
    lo: estimate !== null && se !== null ? estimate - Z_975 * se : null,
    hi: estimate !== null && se !== null ? estimate + Z_975 * se : null,
    se,
    strata: kept,
    droppedStrata,
    lerHires,
    nonLerHires,
    logrank: { observedMinusExpected, variance, chi2: (observedMinusExpected * observedMinusExpected) / variance },
  };
}

// ---------------------------------------------------------------------------------------------
// Pilot design (DESIGN §8)
// ---------------------------------------------------------------------------------------------

/** Solves A·x = b by Gaussian elimination with partial pivoting. */
function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = row;
    [m[col], m[pivot]] = [m[pivot] ?? [], m[col] ?? []];
    const p = m[col] ?? [];
    for (let row = col + 1; row < n; row++) {
      const r = m[row] ?? [];
      const f = (r[col] ?? 0) / (p[col] ?? 1);
      for (let c = col; c <= n; c++) r[c] = (r[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = m[row]?.[n] ?? 0;
    for (let c = row + 1; c < n; c++) sum -= (m[row]?.[c] ?? 0) * (x[c] ?? 0);
    x[row] = sum / (m[row]?.[row] ?? 1);
  }
  return x;
}

/** An employer × quarter cell of the pilot-design panel: its mean outcome. */
export interface PanelCell {
  employerId: string;
  t: number;
  y: number;
}

export interface PanelComponents {
  sigma2: number;
  gamma: Map<number, number>;
  employers: number;
  cells: number;
}

/**
 * σ² and γ(ℓ) of a panel, leaving out employers with one cell: residuals of the least-squares fit of y
 * on employer and quarter dummies, solved from the normal equations; σ² their mean square and γ(ℓ) the mean product of one employer's residuals
 * ℓ quarters apart.
 */
export function panelComponents(panel: readonly PanelCell[]): PanelComponents {
  const cellsOf = new Map<string, number>();
  for (const c of panel) cellsOf.set(c.employerId, (cellsOf.get(c.employerId) ?? 0) + 1);
  const cells = panel.filter((c) => (cellsOf.get(c.employerId) ?? 0) >= 2);
  const employers = [...new Set(cells.map((c) => c.employerId))];
  const quarters = [...new Set(cells.map((c) => c.t))].sort((a, b) => a - b).slice(1);
  const columns = employers.length + quarters.length;
  const row = (c: PanelCell) => {
    const x = new Array<number>(columns).fill(0);
    x[employers.indexOf(c.employerId)] = 1;
    const q = quarters.indexOf(c.t);
    if (q >= 0) x[employers.length + q] = 1;
    return x;
  };
  const xtx = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
  const xty = new Array<number>(columns).fill(0);
  for (const c of cells) {
    const x = row(c);
    for (let i = 0; i < columns; i++) {
      if (x[i] === 0) continue;
      xty[i] = (xty[i] ?? 0) + c.y;
      for (let j = 0; j < columns; j++) if (x[j] !== 0) (xtx[i] as number[])[j] = (xtx[i]?.[j] ?? 0) + 1;
    }
  }
  const beta = solveLinear(xtx, xty);
  const residual = new Map(cells.map((c) => [`${c.employerId}|${c.t}`, c.y - row(c).reduce((a, x, i) => a + x * (beta[i] ?? 0), 0)]));
  const sums = new Map<number, { sum: number; pairs: number }>();
  for (const a of cells)
    for (const b of cells)
      if (a.employerId === b.employerId && b.t > a.t) {
        const lag = b.t - a.t;
        const s = sums.get(lag) ?? { sum: 0, pairs: 0 };
        const product = (residual.get(`${a.employerId}|${a.t}`) ?? 0) * (residual.get(`${b.employerId}|${b.t}`) ?? 0);
        sums.set(lag, { sum: s.sum + product, pairs: s.pairs + 1 });
      }
  return {
    sigma2: [...residual.values()].reduce((a, r) => a + r * r, 0) / cells.length,
    gamma: new Map([...sums].map(([lag, { sum, pairs }]) => [lag, sum / pairs])),
    employers: employers.length,
    cells: cells.length,
  };
}

/**
 * The time-to-fill panel of the sample's rows: employer × requisition-quarter mean days to fill of hires
 * whose offer was accepted by the as-of date, for never-adopting employers, and for adopting ones in the
 * quarters before their adoption quarter.
 */
export function timeToFillPanel(employers: readonly CsvRecord[], hires: readonly CsvRecord[], asOf: string): PanelCell[] {
  const cohortOf = didCohorts(employers, asOf);
  const cells = new Map<string, { employerId: string; t: number; sum: number; n: number }>();
  for (const hire of hires) {
    const employerId = field(hire, 'employer_id');
    const opened = field(hire, 'requisition_opened_on');
    const offer = dayNumber(field(hire, 'offer_accepted_on'));
    const t = quarterIndex(opened);
    const g = cohortOf.get(employerId);
    if (g === undefined || offer > dayNumber(asOf) || (g !== null && t >= g)) continue;
    const cell = cells.get(`${employerId}|${t}`) ?? { employerId, t, sum: 0, n: 0 };
    cells.set(`${employerId}|${t}`, { ...cell, sum: cell.sum + offer - dayNumber(opened), n: cell.n + 1 });
  }
  return [...cells.values()].map((c) => ({ employerId: c.employerId, t: c.t, y: c.sum / c.n }));
}
