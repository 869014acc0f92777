/**
 * Deterministic synthetic sample data for LER Outcomes (data contract v1).
 * Run: `npm run sample-data` (= `tsx data/generate-sample.ts`). Writes data/sample/{employers,hires,training}.csv.
 * Scaled (benchmarks): `tsx data/generate-sample.ts --hires N --out DIR` writes about N hires to DIR with the same
 * generator: the sample's employers copied about N / 48,368 times, requisition rates fitted so hires ≈ N.
 * Calibration sources and the planted effects are documented in data/README.md.
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  AS_OF,
  FIRST_REQUISITION_ON,
  LAST_REQUISITION_ON,
  PLANTED_PROMOTION_PROB_BASE,
  PLANTED_PROMOTION_PROB_LER,
  PLANTED_RETENTION_HR,
  PLANTED_TRAINEE_HR,
  PLANTED_TTF_EFFECT_DAYS,
  PROMOTION_DELAY_DAYS,
  SEED,
  WAGE_BASE_RAISE,
  WAGE_PROMOTION_RAISE,
} from './planted-effects';

// ───────────────────────────── random numbers ─────────────────────────────

type Rng = () => number;

/** splitmix32: spreads one seed over the four words of sfc32's state. */
function splitmix32(seed: number): Rng {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): uniform in [0, 1). */
function sfc32(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

const rng = sfc32(SEED);

const chance = (p: number) => rng() < p;
const uniformInt = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const uniform = (min: number, max: number) => min + rng() * (max - min);
const exponential = () => -Math.log(1 - rng());

function standardNormal(): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Lognormal multiplier with mean exactly 1 (so it scales a mean without moving it). */
const lognormalMeanOne = (sigma: number) => Math.exp(sigma * standardNormal() - (sigma * sigma) / 2);

/** Knuth's method; fine for the small means used here (≤ ~250). */
function poisson(mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng();
  while (product > limit) {
    k++;
    product *= rng();
  }
  return k;
}

function weighted<T extends string>(weights: Readonly<Partial<Record<T, number>>>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, w] of entries) {
    r -= w;
    if (r < 0) return item;
  }
  return must(entries.at(-1), 'weights are empty')[0];
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [must(out[j], 'index'), must(out[i], 'index')];
  }
  return out;
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`generate-sample: missing ${what}`);
  return value;
}

// ───────────────────────────── dates as UTC day numbers ─────────────────────────────

const MS_PER_DAY = 86_400_000;
const dayOf = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
const isoOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

const AS_OF_DAY = dayOf(AS_OF);
const FIRST_YEAR = Number(FIRST_REQUISITION_ON.slice(0, 4));
const QUARTERS = (Number(LAST_REQUISITION_ON.slice(0, 4)) - FIRST_YEAR + 1) * 4;

/** Quarter index counted from the first requisition quarter (2022Q1 = 0). */
function quarterOf(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return (date.getUTCFullYear() - FIRST_YEAR) * 4 + Math.floor(date.getUTCMonth() / 3);
}
const quarterStart = (q: number) => Date.UTC(FIRST_YEAR + Math.floor(q / 4), (q % 4) * 3, 1) / MS_PER_DAY;
const quarterLabel = (q: number) => `${FIRST_YEAR + Math.floor(q / 4)}Q${(q % 4) + 1}`;

// ───────────────────────────── calibration tables ─────────────────────────────

const OCCUPATIONS = [
  'Healthcare Support',
  'Sales and Related',
  'Production',
  'Office and Administrative Support',
  'Computer and Mathematical',
  'Transportation and Material Moving',
  'Food Preparation and Serving',
  'Management',
  'Construction and Extraction',
] as const;
type Occupation = (typeof OCCUPATIONS)[number];

interface OccupationProfile {
  /** Relative time-to-fill (specialist roles take longer). */
  ttfFactor: number;
  /** Mean annual salary in 2022 USD before the industry factor (assumed). */
  salary: number;
  /** Share of non-LER hires holding a bachelor's degree (assumed). */
  degreeShare: number;
  /** Relative cost-per-hire (assumed). */
  hiringCostFactor: number;
  programs: Partial<Record<Program, number>>;
}

const PROGRAMS = [
  'Certified Nursing Assistant',
  'Forklift Safety',
  'Data Analytics Certificate',
  'Leadership Essentials',
  'Customer Service Excellence',
  'IT Support Professional',
  'Lean Six Sigma Yellow Belt',
  'OSHA 30 Construction Safety',
] as const;
type Program = (typeof PROGRAMS)[number];

const OCCUPATION_PROFILES: Record<Occupation, OccupationProfile> = {
  'Healthcare Support': {
    ttfFactor: 1.0,
    salary: 36_000,
    degreeShare: 0.25,
    hiringCostFactor: 0.9,
    programs: { 'Certified Nursing Assistant': 6, 'Customer Service Excellence': 2, 'Leadership Essentials': 1 },
  },
  'Sales and Related': {
    ttfFactor: 0.85,
    salary: 40_000,
    degreeShare: 0.45,
    hiringCostFactor: 0.85,
    programs: { 'Customer Service Excellence': 5, 'Leadership Essentials': 2, 'Data Analytics Certificate': 1 },
  },
  Production: {
    ttfFactor: 0.95,
    salary: 42_000,
    degreeShare: 0.17,
    hiringCostFactor: 0.8,
    programs: { 'Forklift Safety': 4, 'Lean Six Sigma Yellow Belt': 4, 'Leadership Essentials': 1 },
  },
  'Office and Administrative Support': {
    ttfFactor: 0.95,
    salary: 44_000,
    degreeShare: 0.5,
    hiringCostFactor: 0.9,
    programs: {
      'Customer Service Excellence': 3,
      'Data Analytics Certificate': 2,
      'IT Support Professional': 2,
      'Leadership Essentials': 1,
    },
  },
  'Computer and Mathematical': {
    ttfFactor: 1.3,
    salary: 90_000,
    degreeShare: 0.82,
    hiringCostFactor: 1.6,
    programs: { 'Data Analytics Certificate': 4, 'IT Support Professional': 3, 'Leadership Essentials': 2 },
  },
  'Transportation and Material Moving': {
    ttfFactor: 0.9,
    salary: 43_000,
    degreeShare: 0.12,
    hiringCostFactor: 0.8,
    programs: { 'Forklift Safety': 6, 'Lean Six Sigma Yellow Belt': 1, 'Customer Service Excellence': 1 },
  },
  'Food Preparation and Serving': {
    ttfFactor: 0.75,
    salary: 31_000,
    degreeShare: 0.15,
    hiringCostFactor: 0.6,
    programs: { 'Customer Service Excellence': 6, 'Leadership Essentials': 1 },
  },
  Management: {
    ttfFactor: 1.35,
    salary: 98_000,
    degreeShare: 0.85,
    hiringCostFactor: 2.0,
    programs: { 'Leadership Essentials': 5, 'Lean Six Sigma Yellow Belt': 2, 'Data Analytics Certificate': 2 },
  },
  'Construction and Extraction': {
    ttfFactor: 1.1,
    salary: 52_000,
    degreeShare: 0.12,
    hiringCostFactor: 1.0,
    programs: { 'OSHA 30 Construction Safety': 6, 'Forklift Safety': 2, 'Leadership Essentials': 1 },
  },
};

interface ProgramProfile {
  /** List price per enrollment in USD (assumed; the mix is calibrated to ATD's ~$1,000–1,300 per employee). */
  cost: number;
  hours: readonly [number, number];
  durationDays: readonly [number, number];
  /** Probability of completing if still employed when the program ends (assumed). */
  completion: number;
}

const PROGRAM_PROFILES: Record<Program, ProgramProfile> = {
  'Certified Nursing Assistant': { cost: 1_600, hours: [75, 120], durationDays: [28, 70], completion: 0.8 },
  'Forklift Safety': { cost: 300, hours: [8, 8], durationDays: [1, 3], completion: 0.95 },
  'Data Analytics Certificate': { cost: 2_900, hours: [80, 120], durationDays: [90, 180], completion: 0.7 },
  'Leadership Essentials': { cost: 1_800, hours: [16, 32], durationDays: [30, 90], completion: 0.85 },
  'Customer Service Excellence': { cost: 450, hours: [8, 16], durationDays: [7, 21], completion: 0.9 },
  'IT Support Professional': { cost: 2_400, hours: [60, 100], durationDays: [60, 150], completion: 0.72 },
  'Lean Six Sigma Yellow Belt': { cost: 900, hours: [16, 24], durationDays: [14, 45], completion: 0.88 },
  'OSHA 30 Construction Safety': { cost: 550, hours: [30, 30], durationDays: [5, 14], completion: 0.92 },
};

const INDUSTRIES = [
  'Healthcare',
  'Retail',
  'Manufacturing',
  'Professional Services',
  'Hospitality',
  'Construction',
  'Information Technology',
  'Logistics',
  'Energy',
] as const;
type Industry = (typeof INDUSTRIES)[number];

interface IndustryProfile {
  employers: number;
  /** Expected time-to-fill in days before any LER effect, at the middle of the calendar trend. */
  ttfDays: number;
  /** Relative hazard of separation (hospitality churns most, per JOLTS quits). */
  hazard: number;
  payFactor: number;
  occupations: Partial<Record<Occupation, number>>;
}

const INDUSTRY_PROFILES: Record<Industry, IndustryProfile> = {
  Healthcare: {
    employers: 9,
    ttfDays: 45,
    hazard: 1.0,
    payFactor: 1.0,
    occupations: {
      'Healthcare Support': 50,
      'Office and Administrative Support': 18,
      'Food Preparation and Serving': 10,
      Management: 8,
      'Computer and Mathematical': 5,
      'Transportation and Material Moving': 5,
      'Sales and Related': 4,
    },
  },
  Retail: {
    employers: 8,
    ttfDays: 38,
    hazard: 1.3,
    payFactor: 0.92,
    occupations: {
      'Sales and Related': 55,
      'Transportation and Material Moving': 15,
      'Office and Administrative Support': 10,
      Management: 8,
      'Food Preparation and Serving': 7,
      Production: 3,
      'Computer and Mathematical': 2,
    },
  },
  Manufacturing: {
    employers: 8,
    ttfDays: 44,
    hazard: 0.9,
    payFactor: 1.02,
    occupations: {
      Production: 55,
      'Transportation and Material Moving': 15,
      'Office and Administrative Support': 10,
      Management: 8,
      'Computer and Mathematical': 7,
      'Sales and Related': 5,
    },
  },
  'Professional Services': {
    employers: 7,
    ttfDays: 47,
    hazard: 0.8,
    payFactor: 1.08,
    occupations: { 'Office and Administrative Support': 35, 'Computer and Mathematical': 25, 'Sales and Related': 20, Management: 20 },
  },
  Hospitality: {
    employers: 7,
    ttfDays: 36,
    hazard: 1.6,
    payFactor: 0.9,
    occupations: {
      'Food Preparation and Serving': 60,
      'Sales and Related': 12,
      'Office and Administrative Support': 10,
      Management: 8,
      'Transportation and Material Moving': 5,
      'Healthcare Support': 5,
    },
  },
  Construction: {
    employers: 6,
    ttfDays: 45,
    hazard: 1.1,
    payFactor: 1.05,
    occupations: {
      'Construction and Extraction': 60,
      'Transportation and Material Moving': 12,
      'Office and Administrative Support': 10,
      Management: 10,
      Production: 8,
    },
  },
  'Information Technology': {
    employers: 6,
    ttfDays: 48,
    hazard: 0.8,
    payFactor: 1.1,
    occupations: { 'Computer and Mathematical': 55, 'Sales and Related': 15, 'Office and Administrative Support': 15, Management: 15 },
  },
  Logistics: {
    employers: 6,
    ttfDays: 40,
    hazard: 1.15,
    payFactor: 0.98,
    occupations: {
      'Transportation and Material Moving': 60,
      'Office and Administrative Support': 15,
      Production: 10,
      Management: 8,
      'Sales and Related': 7,
    },
  },
  Energy: {
    employers: 3,
    ttfDays: 58,
    hazard: 0.75,
    payFactor: 1.12,
    occupations: {
      Production: 30,
      'Construction and Extraction': 25,
      Management: 15,
      'Computer and Mathematical': 10,
      'Office and Administrative Support': 10,
      'Transportation and Material Moving': 10,
    },
  },
};

const SIZE_BANDS = ['1-49', '50-249', '250-999', '1000+'] as const;
type SizeBand = (typeof SIZE_BANDS)[number];

/** Employers per size band and their requisitions per quarter (uniform range per employer). */
const SIZE_PROFILES: Record<SizeBand, { employers: number; perQuarter: readonly [number, number] }> = {
  '1-49': { employers: 15, perQuarter: [4, 8] },
  '50-249': { employers: 20, perQuarter: [14, 30] },
  '250-999': { employers: 15, perQuarter: [40, 80] },
  '1000+': { employers: 10, perQuarter: [120, 210] },
};

const REGIONS = [
  'AL',
  'AZ',
  'CA',
  'CO',
  'DE',
  'FL',
  'GA',
  'IL',
  'IN',
  'MI',
  'MN',
  'NC',
  'NY',
  'OH',
  'PA',
  'TN',
  'TX',
  'VA',
  'WA',
  'WI',
] as const;

/** Adoption cohorts 2023Q1..2025Q1; the rest of the employers never adopt. */
const ADOPTION_QUARTERS = { first: 4, last: 12 } as const;
const ADOPTERS = 40;

const TTF_NOISE_SIGMA = 0.45;
const EMPLOYER_TTF_SIGMA = 0.1;
/** Common calendar trend: +0.25 days per quarter (AMS: 43 days in 2022 → 44 in 2023), centred on the window. */
const TTF_TREND_PER_QUARTER = 0.25;

/** Above Glassdoor's 23.8 days on purpose: capping time-to-hire at time-to-fill pulls the realised mean down to ≈ 23–24. */
const TIME_TO_HIRE_MEAN_DAYS = 26.5;
const TIME_TO_HIRE_SIGMA = 0.4;
const START_LAG_DAYS = [7, 28] as const;
const APPLIED_MISSING = 0.1;

/** LER-verified share of an adopter's hires: 35% in the adoption quarter, +7.5 pp a quarter, 65% from 4 quarters on. */
const lerShare = (quartersSinceAdoption: number) => Math.min(0.65, 0.35 + 0.075 * quartersSinceAdoption);

const DEGREE_LER_FACTOR = 0.75;
const DEGREE_MISSING = 0.05;
const HIRING_COST_MEAN = 4_425;
const HIRING_COST_SIGMA = 0.45;
const HIRING_COST_MISSING = 0.08;
const INTERNAL_SHARE = 0.12;
/** Internal fills cost less to recruit (assumed), which brings the overall mean cost-per-hire to ≈ $4,300. */
const INTERNAL_COST_FACTOR = 0.5;
const SALARY_SIGMA = 0.15;
const SALARY_GROWTH_PER_YEAR = 0.03;

/** Weibull tenure with decreasing hazard: S(t) = exp(-c·(t/λ)^k), c = relative hazard. */
const WEIBULL_SHAPE = 0.8;
/** Calibrated so that ≈ 35% of all hires separate within 12 months (Kaplan-Meier from started_on). */
const WEIBULL_SCALE_DAYS = 1_030;
const SEPARATION_TYPES = { voluntary: 65, involuntary: 27, other: 8 } as const;
type SeparationType = keyof typeof SEPARATION_TYPES;

/** Share of hires offered a first enrollment (taken only if still employed then and it starts by AS_OF): ≈ 7–8k rows. */
const TRAINING_OFFER = 0.31;
const TRAINING_START_AFTER_HIRE_DAYS = [30, 720] as const;
const SECOND_ENROLLMENT = 0.16;
const SECOND_ENROLLMENT_GAP_DAYS = [60, 365] as const;
const CREDENTIAL_AS_LER_SHARE = 0.8;
const CREDENTIAL_MISSING = 0.03;
const PROGRAM_COST_SPREAD = 0.15;

const HIRES_RANGE = [40_000, 60_000] as const;
const ENROLLMENTS_RANGE = [6_000, 9_000] as const;

// ───────────────────────────── generation ─────────────────────────────

interface Employer {
  id: string;
  industry: Industry;
  sizeBand: SizeBand;
  region: string;
  adoptedDay: number | null;
  cohort: number | null;
  perQuarter: number;
  ttfFactor: number;
}

interface Hire {
  employer: Employer;
  occupation: Occupation;
  openedDay: number;
  appliedDay: number | null;
  offerDay: number;
  startDay: number;
  /** Drawn separation day; written only when ≤ AS_OF. */
  separationDay: number;
  separationType: SeparationType;
  lerVerified: boolean;
  hasDegree: boolean | null;
  salary: number;
  hiringCost: number | null;
  internal: boolean;
  /** Order of generation, the tie-break that keeps sorting deterministic. */
  seq: number;
  id: string;
  personId: string;
}

interface Enrollment {
  hire: Hire;
  program: Program;
  startDay: number;
  completedDay: number | null;
  cost: number;
  hours: number;
  credentialAsLer: boolean | null;
  wageBefore: number;
  wageAfter: number | null;
  promotedDay: number | null;
  id: string;
}

const stats = { clampedTtf: 0, droppedRequisitions: 0, extraRequisitions: 0 };

/** `copies` multiplies every industry's and size band's employer count and the number of adopters; 1 is the sample. */
function makeEmployers(copies: number): Employer[] {
  const industries = INDUSTRIES.flatMap((industry) => Array<Industry>(INDUSTRY_PROFILES[industry].employers * copies).fill(industry));
  const bands = shuffled(SIZE_BANDS.flatMap((band) => Array<SizeBand>(SIZE_PROFILES[band].employers * copies).fill(band)));
  if (industries.length !== bands.length) throw new Error('industry and size-band employer counts differ');
  const cohortSlots = ADOPTION_QUARTERS.last - ADOPTION_QUARTERS.first + 1;
  const adoptionOrder = shuffled(industries.map((_, i) => i));
  return industries.map((industry, i) => {
    const sizeBand = must(bands[i], 'size band');
    const [lo, hi] = SIZE_PROFILES[sizeBand].perQuarter;
    const rank = adoptionOrder.indexOf(i);
    const cohort = rank < ADOPTERS * copies ? ADOPTION_QUARTERS.first + (rank % cohortSlots) : null;
    const adoptedDay = cohort === null ? null : quarterStart(cohort) + uniformInt(0, quarterStart(cohort + 1) - quarterStart(cohort) - 1);
    return {
      id: `E${String(i + 1).padStart(3, '0')}`,
      industry,
      sizeBand,
      region: must(REGIONS[uniformInt(0, REGIONS.length - 1)], 'region'),
      adoptedDay,
      cohort,
      perQuarter: uniform(lo, hi),
      ttfFactor: lognormalMeanOne(EMPLOYER_TTF_SIGMA),
    };
  });
}

/** Expected time-to-fill of one requisition before the LER effect: industry × occupation × employer + calendar trend. */
function expectedTimeToFill(employer: Employer, occupation: Occupation, quarter: number): number {
  const profile = INDUSTRY_PROFILES[employer.industry];
  // Normalise occupation factors within the industry so the industry's mean stays at its calibrated value.
  const mix = Object.entries(profile.occupations) as [Occupation, number][];
  const meanFactor = mix.reduce((s, [o, w]) => s + w * OCCUPATION_PROFILES[o].ttfFactor, 0) / mix.reduce((s, [, w]) => s + w, 0);
  const trend = TTF_TREND_PER_QUARTER * (quarter - (QUARTERS - 1) / 2);
  return (profile.ttfDays * OCCUPATION_PROFILES[occupation].ttfFactor * employer.ttfFactor) / meanFactor + trend;
}

const isTreated = (employer: Employer, quarter: number) => employer.cohort !== null && quarter >= employer.cohort;

/** One requisition of an employer in a quarter, or null when its hire would start after AS_OF. */
function makeHire(employer: Employer, quarter: number, seq: number): Hire | null {
  const openedDay = quarterStart(quarter) + uniformInt(0, quarterStart(quarter + 1) - quarterStart(quarter) - 1);
  const occupation = weighted(INDUSTRY_PROFILES[employer.industry].occupations);
  const effect = isTreated(employer, quarter) ? PLANTED_TTF_EFFECT_DAYS : 0;
  const rawTtf = expectedTimeToFill(employer, occupation, quarter) * lognormalMeanOne(TTF_NOISE_SIGMA) + effect;
  const ttf = Math.max(1, Math.round(rawTtf));
  if (ttf !== Math.round(rawTtf)) stats.clampedTtf++;
  const offerDay = openedDay + ttf;
  const startDay = offerDay + uniformInt(...START_LAG_DAYS);
  const timeToHire = Math.min(ttf, Math.max(1, Math.round(TIME_TO_HIRE_MEAN_DAYS * lognormalMeanOne(TIME_TO_HIRE_SIGMA))));
  const appliedDay = chance(APPLIED_MISSING) ? null : offerDay - timeToHire;
  if (startDay > AS_OF_DAY) return null;

  const lerVerified = isLerVerified(employer, quarter, offerDay);
  const profile = OCCUPATION_PROFILES[occupation];
  const degreeShare = profile.degreeShare * (lerVerified ? DEGREE_LER_FACTOR : 1);
  const hasDegree = chance(DEGREE_MISSING) ? null : chance(degreeShare);
  const internal = chance(INTERNAL_SHARE);
  const years = (openedDay - dayOf(FIRST_REQUISITION_ON)) / 365.25;
  const salary =
    Math.round(
      (profile.salary *
        INDUSTRY_PROFILES[employer.industry].payFactor *
        lognormalMeanOne(SALARY_SIGMA) *
        (1 + SALARY_GROWTH_PER_YEAR) ** years) /
        100,
    ) * 100;
  const cost = HIRING_COST_MEAN * profile.hiringCostFactor * (internal ? INTERNAL_COST_FACTOR : 1) * lognormalMeanOne(HIRING_COST_SIGMA);
  const hiringCost = chance(HIRING_COST_MISSING) ? null : Math.round(cost);
  return {
    employer,
    occupation,
    openedDay,
    appliedDay,
    offerDay,
    startDay,
    separationDay: Number.NaN,
    separationType: 'voluntary',
    lerVerified,
    hasDegree,
    salary,
    hiringCost,
    internal,
    seq,
    id: '',
    personId: '',
  };
}

/** LER verification is possible only at an adopter, in the adoption quarter or later, for offers on/after adoption. */
function isLerVerified(employer: Employer, quarter: number, offerDay: number): boolean {
  if (employer.cohort === null || employer.adoptedDay === null || quarter < employer.cohort || offerDay < employer.adoptedDay) return false;
  return chance(lerShare(quarter - employer.cohort));
}

function makeHires(employers: readonly Employer[]): Hire[] {
  const hires: Hire[] = [];
  for (let quarter = 0; quarter < QUARTERS; quarter++) {
    for (const employer of employers) {
      const requisitions = Math.max(2, poisson(employer.perQuarter));
      let kept = 0;
      // Every employer needs hires in every quarter (DiD base periods); late-2025 requisitions may all start after AS_OF.
      for (let r = 0; r < requisitions || kept === 0; r++) {
        if (r >= requisitions) stats.extraRequisitions++;
        const hire = makeHire(employer, quarter, hires.length);
        if (hire === null) {
          stats.droppedRequisitions++;
          continue;
        }
        hires.push(hire);
        kept++;
      }
    }
  }
  return hires;
}

// ── retention and training (training is planned first: it changes the hazard from the first enrollment on) ──

const cumulativeHazard = (days: number) => (days / WEIBULL_SCALE_DAYS) ** WEIBULL_SHAPE;
const daysAtCumulativeHazard = (h: number) => WEIBULL_SCALE_DAYS * h ** (1 / WEIBULL_SHAPE);

/**
 * Tenure (days, continuous) at which the hire's cumulative hazard reaches the drawn exponential budget.
 * Hazard = relative × Weibull baseline, × PLANTED_TRAINEE_HR from the first enrollment (tenure `trainedAt`) on.
 */
function tenureAt(budget: number, relative: number, trainedAt: number | null): number {
  const untrained = daysAtCumulativeHazard(budget / relative);
  if (trainedAt === null || trainedAt >= untrained) return untrained;
  const before = cumulativeHazard(trainedAt);
  return daysAtCumulativeHazard(before + (budget - relative * before) / (relative * PLANTED_TRAINEE_HR));
}

function relativeHazard(hire: Hire): number {
  return INDUSTRY_PROFILES[hire.employer.industry].hazard * (hire.lerVerified ? PLANTED_RETENTION_HR : 1);
}

/** Draws tenure and the enrollments of one hire; sets separationDay/separationType and returns the enrollments. */
function planTenureAndTraining(hire: Hire): Enrollment[] {
  const budget = exponential();
  const relative = relativeHazard(hire);
  const untrained = tenureAt(budget, relative, null);
  const offered = chance(TRAINING_OFFER);
  const offset = uniformInt(...TRAINING_START_AFTER_HIRE_DAYS);
  const firstStart = offered && offset < untrained && hire.startDay + offset <= AS_OF_DAY ? hire.startDay + offset : null;
  hire.separationDay = hire.startDay + Math.ceil(tenureAt(budget, relative, firstStart === null ? null : offset));
  hire.separationType = weighted(SEPARATION_TYPES);
  if (firstStart === null) return [];

  const first = makeEnrollment(hire, firstStart, null);
  const secondStart = firstStart + uniformInt(...SECOND_ENROLLMENT_GAP_DAYS);
  if (!chance(SECOND_ENROLLMENT) || secondStart >= hire.separationDay || secondStart > AS_OF_DAY) return [first];
  return [first, makeEnrollment(hire, secondStart, first.program)];
}

function pickProgram(occupation: Occupation, avoid: Program | null): Program {
  const all = Object.entries(OCCUPATION_PROFILES[occupation].programs) as [Program, number][];
  const others = all.filter(([program]) => program !== avoid);
  return weighted(Object.fromEntries(others.length > 0 ? others : all) as Partial<Record<Program, number>>);
}

function makeEnrollment(hire: Hire, startDay: number, previous: Program | null): Enrollment {
  const program = pickProgram(hire.occupation, previous);
  const profile = PROGRAM_PROFILES[program];
  const finishDay = startDay + uniformInt(...profile.durationDays);
  const completes = chance(profile.completion);
  const completedDay = completes && finishDay <= AS_OF_DAY && finishDay < hire.separationDay ? finishDay : null;
  const adopted = hire.employer.adoptedDay !== null && startDay >= hire.employer.adoptedDay;
  const asLer = adopted && chance(CREDENTIAL_AS_LER_SHARE);
  const credentialAsLer = chance(CREDENTIAL_MISSING) ? null : asLer;
  const promotionDraw = chance(credentialAsLer === true ? PLANTED_PROMOTION_PROB_LER : PLANTED_PROMOTION_PROB_BASE);
  const promotionDay = completedDay === null ? null : completedDay + uniformInt(PROMOTION_DELAY_DAYS.min, PROMOTION_DELAY_DAYS.max);
  // A drawn promotion is observed only if the person is still employed on that day and it is not after AS_OF.
  const promotedDay =
    promotionDraw && promotionDay !== null && promotionDay <= AS_OF_DAY && promotionDay < hire.separationDay ? promotionDay : null;
  const wageBefore = Math.round(hire.salary * (1 + SALARY_GROWTH_PER_YEAR) ** ((startDay - hire.startDay) / 365.25));
  const yearLater = completedDay === null ? null : completedDay + 365;
  const wageAfter =
    yearLater !== null && yearLater <= AS_OF_DAY && yearLater < hire.separationDay
      ? Math.round(wageBefore * (1 + WAGE_BASE_RAISE + (promotedDay === null ? 0 : WAGE_PROMOTION_RAISE)))
      : null;
  return {
    hire,
    program,
    startDay,
    completedDay,
    cost: Math.round(profile.cost * uniform(1 - PROGRAM_COST_SPREAD, 1 + PROGRAM_COST_SPREAD)),
    hours: uniformInt(...profile.hours),
    credentialAsLer,
    wageBefore,
    wageAfter,
    promotedDay,
    id: '',
  };
}

/** Hires sorted by requisition date get ids in that order; person ids are a shuffled numbering (pseudonymous). */
function assignHireIds(hires: Hire[]): Hire[] {
  const sorted = [...hires].sort((a, b) => a.openedDay - b.openedDay || a.seq - b.seq);
  const personNumbers = shuffled(sorted.map((_, i) => i + 1));
  sorted.forEach((hire, i) => {
    hire.id = `H${String(i + 1).padStart(6, '0')}`;
    hire.personId = `P${String(must(personNumbers[i], 'person number')).padStart(6, '0')}`;
  });
  return sorted;
}

function assignEnrollmentIds(enrollments: Enrollment[]): Enrollment[] {
  const sorted = [...enrollments].sort((a, b) => a.startDay - b.startDay || a.hire.seq - b.hire.seq);
  sorted.forEach((e, i) => (e.id = `T${String(i + 1).padStart(6, '0')}`));
  return sorted;
}

// ───────────────────────────── CSV ─────────────────────────────

type Table = { header: readonly string[]; rows: string[][] };

const dateCell = (day: number | null) => (day === null || day > AS_OF_DAY ? '' : isoOf(day));
const boolCell = (value: boolean | null) => (value === null ? '' : String(value));
const numberCell = (value: number | null) => (value === null ? '' : String(value));

const EMPLOYER_HEADER = ['employer_id', 'industry', 'size_band', 'region', 'ler_adopted_on'] as const;
const HIRE_HEADER = [
  'hire_id',
  'employer_id',
  'person_id',
  'occupation',
  'requisition_opened_on',
  'applied_on',
  'offer_accepted_on',
  'started_on',
  'separated_on',
  'separation_type',
  'ler_verified',
  'has_degree',
  'annual_salary',
  'hiring_cost',
  'internal',
] as const;
const TRAINING_HEADER = [
  'enrollment_id',
  'employer_id',
  'person_id',
  'program',
  'started_on',
  'completed_on',
  'cost',
  'hours',
  'credential_as_ler',
  'wage_before',
  'wage_after',
  'promoted_on',
] as const;

const employerRow = (e: Employer) => [e.id, e.industry, e.sizeBand, e.region, dateCell(e.adoptedDay)];

function hireRow(h: Hire): string[] {
  const separated = h.separationDay <= AS_OF_DAY;
  return [
    h.id,
    h.employer.id,
    h.personId,
    h.occupation,
    dateCell(h.openedDay),
    dateCell(h.appliedDay),
    dateCell(h.offerDay),
    dateCell(h.startDay),
    separated ? dateCell(h.separationDay) : '',
    separated ? h.separationType : '',
    boolCell(h.lerVerified),
    boolCell(h.hasDegree),
    numberCell(h.salary),
    numberCell(h.hiringCost),
    boolCell(h.internal),
  ];
}

const trainingRow = (e: Enrollment) => [
  e.id,
  e.hire.employer.id,
  e.hire.personId,
  e.program,
  dateCell(e.startDay),
  dateCell(e.completedDay),
  numberCell(e.cost),
  numberCell(e.hours),
  boolCell(e.credentialAsLer),
  numberCell(e.wageBefore),
  numberCell(e.wageAfter),
  dateCell(e.promotedDay),
];

function employerTable(employers: readonly Employer[]): Table {
  return { header: EMPLOYER_HEADER, rows: employers.map(employerRow) };
}

function hireTable(hires: readonly Hire[]): Table {
  return { header: HIRE_HEADER, rows: hires.map(hireRow) };
}

function trainingTable(enrollments: readonly Enrollment[]): Table {
  return { header: TRAINING_HEADER, rows: enrollments.map(trainingRow) };
}

const toCsv = (table: Table) => [table.header, ...table.rows].map((row) => row.join(',')).join('\n') + '\n';

/** Writes rows as they are made: at millions of rows the whole text exceeds V8's longest string. */
function writeCsvStream<T>(file: string, header: readonly string[], items: readonly T[], rowOf: (item: T) => string[]): void {
  const fd = openSync(file, 'w');
  try {
    const CHUNK = 20_000;
    writeSync(fd, `${header.join(',')}\n`);
    for (let i = 0; i < items.length; i += CHUNK) {
      writeSync(
        fd,
        `${items
          .slice(i, i + CHUNK)
          .map((item) => rowOf(item).join(','))
          .join('\n')}\n`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

// ───────────────────────────── invariants (on the written text, as a reader would see it) ─────────────────────────────

class Invariants {
  readonly failures: string[] = [];
  maxDate = '';

  check(ok: boolean, message: () => string): void {
    if (!ok && this.failures.length < 20) this.failures.push(message());
  }

  /** Records for a table, checking shape, forbidden characters and every *_on date. */
  records(name: string, table: Table): Record<string, string>[] {
    return table.rows.map((row, i) => {
      this.check(row.length === table.header.length, () => `${name} row ${i + 2}: ${row.length} cells`);
      const record: Record<string, string> = {};
      table.header.forEach((column, c) => {
        const value = row[c] ?? '';
        this.check(!/[,"\r\n]/.test(value), () => `${name} row ${i + 2} ${column}: needs quoting (${value})`);
        if (column.endsWith('_on') && value !== '') this.date(`${name} row ${i + 2} ${column}`, value);
        record[column] = value;
      });
      return record;
    });
  }

  date(where: string, value: string): void {
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && isoOf(dayOf(value)) === value;
    this.check(valid, () => `${where}: invalid date ${value}`);
    this.check(value <= AS_OF, () => `${where}: ${value} is after AS_OF ${AS_OF}`);
    if (value > this.maxDate) this.maxDate = value;
  }

  unique(name: string, values: readonly string[]): void {
    const seen = new Set<string>();
    for (const v of values) {
      this.check(v !== '', () => `${name}: empty id`);
      this.check(!seen.has(v), () => `${name}: duplicate ${v}`);
      seen.add(v);
    }
  }

  bool(where: string, value: string | undefined, required: boolean): void {
    this.check(value === 'true' || value === 'false' || (!required && value === ''), () => `${where}: bad boolean ${value}`);
  }

  money(where: string, value: string | undefined, required: boolean): void {
    const ok = value === '' ? !required : value !== undefined && /^\d+(\.\d{1,2})?$/.test(value) && Number(value) >= 0;
    this.check(ok, () => `${where}: bad amount ${value}`);
  }

  ordered(where: string, earlier: string | undefined, later: string | undefined, strict = false): void {
    if (!earlier || !later) return;
    this.check(strict ? earlier < later : earlier <= later, () => `${where}: ${earlier} ${strict ? '<' : '≤'} ${later} violated`);
  }
}

function validate(employers: Table, hires: Table, training: Table): void {
  const inv = new Invariants();
  const employerRows = inv.records('employers', employers);
  const hireRows = inv.records('hires', hires);
  const trainingRows = inv.records('training', training);

  inv.unique(
    'employer_id',
    employerRows.map((r) => r.employer_id ?? ''),
  );
  const adoptedOn = new Map(employerRows.map((r) => [r.employer_id ?? '', r.ler_adopted_on ?? '']));
  for (const r of employerRows)
    inv.check((SIZE_BANDS as readonly string[]).includes(r.size_band ?? ''), () => `employer ${r.employer_id}: size band ${r.size_band}`);

  inv.unique(
    'hire_id',
    hireRows.map((r) => r.hire_id ?? ''),
  );
  inv.unique(
    'hires.person_id',
    hireRows.map((r) => r.person_id ?? ''),
  );
  const quartersWithHires = new Set<string>();
  for (const r of hireRows) {
    const at = `hire ${r.hire_id}`;
    inv.check(adoptedOn.has(r.employer_id ?? ''), () => `${at}: unknown employer ${r.employer_id}`);
    inv.check((OCCUPATIONS as readonly string[]).includes(r.occupation ?? ''), () => `${at}: occupation ${r.occupation}`);
    for (const column of ['requisition_opened_on', 'offer_accepted_on', 'started_on'] as const)
      inv.check(r[column] !== '', () => `${at}: ${column} missing`);
    inv.ordered(`${at} opened ≥ first day`, FIRST_REQUISITION_ON, r.requisition_opened_on);
    inv.ordered(`${at} opened ≤ applied`, r.requisition_opened_on, r.applied_on);
    inv.ordered(`${at} applied ≤ offer`, r.applied_on, r.offer_accepted_on);
    inv.ordered(`${at} opened ≤ offer`, r.requisition_opened_on, r.offer_accepted_on);
    inv.ordered(`${at} offer ≤ started`, r.offer_accepted_on, r.started_on);
    inv.ordered(`${at} started ≤ separated`, r.started_on, r.separated_on);
    inv.check((r.separated_on === '') === (r.separation_type === ''), () => `${at}: separation type without date or date without type`);
    inv.check(
      ['', 'voluntary', 'involuntary', 'other'].includes(r.separation_type ?? ''),
      () => `${at}: separation type ${r.separation_type}`,
    );
    inv.bool(`${at} ler_verified`, r.ler_verified, true);
    inv.bool(`${at} has_degree`, r.has_degree, false);
    inv.bool(`${at} internal`, r.internal, false);
    inv.money(`${at} annual_salary`, r.annual_salary, false);
    inv.money(`${at} hiring_cost`, r.hiring_cost, false);
    const adopted = adoptedOn.get(r.employer_id ?? '') ?? '';
    if (r.ler_verified === 'true')
      inv.check(adopted !== '' && adopted <= (r.offer_accepted_on ?? ''), () => `${at}: LER-verified before its employer adopted`);
    quartersWithHires.add(`${r.employer_id}|${quarterOf(dayOf(r.requisition_opened_on ?? ''))}`);
  }
  for (const e of employerRows) {
    for (let q = 0; q < QUARTERS; q++)
      inv.check(
        quartersWithHires.has(`${e.employer_id}|${q}`),
        () => `employer ${e.employer_id} has no hires opened in ${quarterLabel(q)}`,
      );
  }

  const hireByPerson = new Map(hireRows.map((r) => [r.person_id ?? '', r]));
  inv.unique(
    'enrollment_id',
    trainingRows.map((r) => r.enrollment_id ?? ''),
  );
  for (const r of trainingRows) {
    const at = `enrollment ${r.enrollment_id}`;
    const hire = hireByPerson.get(r.person_id ?? '');
    inv.check(adoptedOn.has(r.employer_id ?? ''), () => `${at}: unknown employer ${r.employer_id}`);
    inv.check(
      hire !== undefined && hire.employer_id === r.employer_id,
      () => `${at}: person ${r.person_id} is not a hire of ${r.employer_id}`,
    );
    inv.check((PROGRAMS as readonly string[]).includes(r.program ?? ''), () => `${at}: program ${r.program}`);
    inv.check(r.started_on !== '', () => `${at}: started_on missing`);
    inv.ordered(`${at} hire started < enrollment started`, hire?.started_on, r.started_on, true);
    inv.ordered(`${at} enrollment started < separated`, r.started_on, hire?.separated_on, true);
    inv.ordered(`${at} started ≤ completed`, r.started_on, r.completed_on);
    inv.ordered(`${at} completed ≤ separated`, r.completed_on, hire?.separated_on);
    inv.ordered(`${at} completed ≤ promoted`, r.completed_on, r.promoted_on);
    inv.check(r.promoted_on === '' || r.completed_on !== '', () => `${at}: promoted without completing`);
    inv.check(
      r.wage_after === '' || (r.completed_on !== '' && isoOf(dayOf(r.completed_on ?? '') + 365) <= AS_OF),
      () => `${at}: wage_after before a full year after completion`,
    );
    const adopted = adoptedOn.get(r.employer_id ?? '') ?? '';
    if (r.credential_as_ler === 'true')
      inv.check(adopted !== '' && adopted <= (r.started_on ?? ''), () => `${at}: LER credential before its employer adopted`);
    inv.money(`${at} cost`, r.cost, true);
    inv.money(`${at} hours`, r.hours, false);
    inv.money(`${at} wage_before`, r.wage_before, false);
    inv.money(`${at} wage_after`, r.wage_after, false);
    inv.bool(`${at} credential_as_ler`, r.credential_as_ler, false);
  }

  inv.check(inv.maxDate === AS_OF, () => `latest date is ${inv.maxDate}, not AS_OF ${AS_OF}`);
  inv.check(employerRows.length === 60, () => `${employerRows.length} employers, expected 60`);
  inv.check(
    hireRows.length >= HIRES_RANGE[0] && hireRows.length <= HIRES_RANGE[1],
    () => `${hireRows.length} hires, expected ${HIRES_RANGE.join('–')}`,
  );
  inv.check(
    trainingRows.length >= ENROLLMENTS_RANGE[0] && trainingRows.length <= ENROLLMENTS_RANGE[1],
    () => `${trainingRows.length} enrollments, expected ${ENROLLMENTS_RANGE.join('–')}`,
  );
  if (inv.failures.length > 0) throw new Error(`generate-sample: invariants violated:\n  ${inv.failures.join('\n  ')}`);
}

// ───────────────────────────── main ─────────────────────────────

/** Hires in data/sample/hires.csv: a scaled run copies the employers about target / SAMPLE_HIRES times. */
const SAMPLE_HIRES = 48_368;
/** Requisitions dropped because their hire would start after AS_OF: 2,054 of 50,422 in the sample. */
const DROPPED_SHARE = 2_054 / 50_422;

/** Scales every employer's requisition rate so that the expected number of hires is `target`. */
function fitRequisitions(employers: Employer[], target: number): void {
  const expected = employers.reduce((sum, e) => sum + e.perQuarter, 0) * QUARTERS * (1 - DROPPED_SHARE);
  for (const e of employers) e.perQuarter *= target / expected;
}

/** The sample (no target), or a scaled copy aiming at `targetHires` hires. */
function generate(targetHires: number | null) {
  const employers = makeEmployers(targetHires === null ? 1 : Math.max(1, Math.round(targetHires / SAMPLE_HIRES)));
  if (targetHires !== null) fitRequisitions(employers, targetHires);
  const hires = assignHireIds(makeHires(employers));
  const enrollments = assignEnrollmentIds(hires.flatMap(planTenureAndTraining));
  return { employers, hires, enrollments };
}

function writeSample(): void {
  const { employers, hires, enrollments } = generate(null);
  const tables = { employers: employerTable(employers), hires: hireTable(hires), training: trainingTable(enrollments) };
  validate(tables.employers, tables.hires, tables.training);

  const outDir = path.join(import.meta.dirname, 'sample');
  mkdirSync(outDir, { recursive: true });
  for (const [name, table] of Object.entries(tables)) {
    const file = path.join(outDir, `${name}.csv`);
    writeFileSync(file, toCsv(table));
    console.log(`${path.relative(process.cwd(), file)}: ${table.rows.length} rows, ${statSync(file).size} bytes`);
  }
  printStats();
}

/**
 * A scaled copy for benchmarks. validate() is skipped: it holds every record as an object, more than
 * the heap takes at millions of rows; the generating code is the sample's, and ingest re-checks every row.
 */
function writeScaled(targetHires: number, outDir: string): void {
  const { employers, hires, enrollments } = generate(targetHires);
  mkdirSync(outDir, { recursive: true });
  const files = [
    ['employers', () => writeCsvStream(path.join(outDir, 'employers.csv'), EMPLOYER_HEADER, employers, employerRow), employers.length],
    ['hires', () => writeCsvStream(path.join(outDir, 'hires.csv'), HIRE_HEADER, hires, hireRow), hires.length],
    ['training', () => writeCsvStream(path.join(outDir, 'training.csv'), TRAINING_HEADER, enrollments, trainingRow), enrollments.length],
  ] as const;
  for (const [name, write, rows] of files) {
    write();
    const file = path.join(outDir, `${name}.csv`);
    console.log(`${file}: ${rows} rows, ${statSync(file).size} bytes`);
  }
  printStats();
}

function printStats(): void {
  console.log(
    `seed ${SEED}, as of ${AS_OF}; requisitions dropped (start after as-of) ${stats.droppedRequisitions}, extra ${stats.extraRequisitions}, time-to-fill clamped to 1 day ${stats.clampedTtf}`,
  );
}

function main(): void {
  const { values } = parseArgs({ options: { hires: { type: 'string' }, out: { type: 'string' } } });
  if (values.hires === undefined && values.out === undefined) return writeSample();
  const target = Number(values.hires);
  if (!Number.isInteger(target) || target < 1 || values.out === undefined) {
    throw new Error('generate-sample: scaled generation needs --hires <positive integer> and --out <folder>');
  }
  writeScaled(target, path.resolve(values.out));
}

main();
