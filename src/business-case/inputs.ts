import { SHRM_COST_PER_HIRE } from '../metrics/upskilling';

/** An employer's own numbers for the business case; percentages are 0–100, money is USD. */
export interface BusinessCaseInputs {
  /** External hires per year (whole count). */
  annualHires: number;
  /** Current time-to-fill, calendar days from requisition opened to offer accepted. */
  currentTimeToFillDays: number;
  /** Cost of one calendar day a role stays vacant, USD per day (default derived from salary). */
  dailyVacancyCost: number;
  /** Average annual salary of the roles hired, USD per year. */
  annualSalary: number;
  /** Annual turnover rate, % of employees leaving per year. */
  annualTurnoverPct: number;
  /** Cost of replacing one leaver, % of annual salary. */
  replacementCostPct: number;
  /** Employees completing training per year (whole count). */
  employeesTrainedPerYear: number;
  /** Direct training cost per trainee, USD. */
  costPerTrainee: number;
  /** Share of trainees whose credential is issued as an LER, %. */
  trainedLerSharePct: number;
  /** Share of the training cost that is new spend because of the LER programme, %; 0 = the training runs anyway. */
  newTrainingSpendPct: number;
  /** Saving when a promotion fills a role internally instead of an external hire, USD per promotion. */
  internalFillSaving: number;
  /** LER platform fee, USD per year. */
  platformFeeAnnual: number;
  /** Cost of issuing or receiving one LER credential, USD per credential. */
  costPerCredential: number;
  /** Staff time to verify one incoming LER, hours per verification. */
  staffHoursPerVerification: number;
  /** Loaded cost of the staff who verify, USD per hour. */
  staffHourlyCost: number;
  /** Expected share of external hires arriving with an LER, %. */
  lerHireSharePct: number;
}

export type InputKey = keyof BusinessCaseInputs;
/** Where an input's default comes from (DESIGN §1: benchmark, assumed, or derived from another input). */
export type InputProvenance = 'benchmark' | 'assumed' | 'derived';

/** One input's label, unit, limits, default's provenance and, when published, the range used by the sensitivity chart. */
export interface InputSpec {
  key: InputKey;
  label: string;
  unit: string;
  min: number;
  max: number | null;
  step: number;
  /** Counts must be whole numbers. */
  whole: boolean;
  /** Source of the default: a citation for a benchmark, the rule for a derived value, null for an assumption. */
  source: string | null;
  provenance: InputProvenance;
  /** Published low and high ends, used instead of ±20% in the sensitivity chart. */
  publishedRange: { low: number; high: number } | null;
}

/** Days per year used to turn salary into a cost per calendar day (time-to-fill is in calendar days). */
export const CALENDAR_DAYS_PER_YEAR = 365;

/**
 * The default daily vacancy cost: the salary the role is paid per calendar day. It treats the value a
 * vacant role fails to produce as at least its pay, the conservative floor of the usual estimates.
 */
export function dailyVacancyCostFromSalary(annualSalary: number): number {
  return annualSalary / CALENDAR_DAYS_PER_YEAR;
}

const DEFAULT_SALARY = 50_000;

/** Defaults: published benchmarks, each with its source, and plain assumptions where nothing is published. */
export const DEFAULT_INPUTS: BusinessCaseInputs = {
  annualHires: 100,
  currentTimeToFillDays: 42,
  dailyVacancyCost: dailyVacancyCostFromSalary(DEFAULT_SALARY),
  annualSalary: DEFAULT_SALARY,
  annualTurnoverPct: 19,
  replacementCostPct: 21,
  employeesTrainedPerYear: 50,
  costPerTrainee: 1_280,
  trainedLerSharePct: 100,
  newTrainingSpendPct: 0,
  internalFillSaving: SHRM_COST_PER_HIRE,
  platformFeeAnnual: 10_000,
  costPerCredential: 10,
  staffHoursPerVerification: 0.25,
  staffHourlyCost: 40,
  lerHireSharePct: 25,
};

const SHRM_2016 =
  'SHRM 2016 Human Capital Benchmarking Report: average time-to-fill 42 days, annual turnover 19% (https://ima-net.org/average-cost-per-hire-for-companies-is-4129-shrm-survey-finds/)';

type SpecFields = Omit<InputSpec, 'key' | 'whole' | 'publishedRange'> & Partial<Pick<InputSpec, 'whole' | 'publishedRange'>>;
const spec = (key: InputKey, fields: SpecFields): InputSpec => ({ key, whole: false, publishedRange: null, ...fields });
const share = (key: InputKey, label: string, provenance: InputProvenance, source: string | null): InputSpec =>
  spec(key, { label, unit: '%', min: 0, max: 100, step: 1, source, provenance });

/** Every input, in form order. */
export const INPUT_SPECS: readonly InputSpec[] = [
  spec('annualHires', {
    label: 'Annual external hires',
    unit: 'hires/year',
    min: 0,
    max: null,
    step: 1,
    whole: true,
    source: null,
    provenance: 'assumed',
  }),
  spec('currentTimeToFillDays', {
    label: 'Current time-to-fill',
    unit: 'days',
    min: 0,
    max: null,
    step: 1,
    source: SHRM_2016,
    provenance: 'benchmark',
  }),
  spec('dailyVacancyCost', {
    label: 'Daily vacancy cost',
    unit: 'USD/day',
    min: 0,
    max: null,
    step: 1,
    source: 'Derived: average salary ÷ 365 calendar days',
    provenance: 'derived',
  }),
  spec('annualSalary', { label: 'Average salary', unit: 'USD/year', min: 0, max: null, step: 1_000, source: null, provenance: 'assumed' }),
  spec('annualTurnoverPct', {
    label: 'Annual turnover rate',
    unit: '%',
    min: 0,
    max: 300,
    step: 1,
    source: SHRM_2016,
    provenance: 'benchmark',
  }),
  spec('replacementCostPct', {
    label: 'Replacement cost',
    unit: '% of salary',
    min: 0,
    max: 300,
    step: 1,
    source:
      'CAP 2012, Boushey & Glynn, "There Are Significant Business Costs to Replacing Employees": median 21% of salary; about 16% for jobs under $30,000; Gallup: one-half to two times salary (secondary quote)',
    provenance: 'benchmark',
    publishedRange: { low: 16, high: 200 },
  }),
  spec('employeesTrainedPerYear', {
    label: 'Employees trained per year',
    unit: 'people/year',
    min: 0,
    max: null,
    step: 1,
    whole: true,
    source: null,
    provenance: 'assumed',
  }),
  spec('costPerTrainee', {
    label: 'Training cost per trainee',
    unit: 'USD',
    min: 0,
    max: null,
    step: 10,
    source:
      'ATD State of the Industry: $1,280 direct learning expenditure per employee (2021); $1,054 (2024) to $1,308 (2019) across years',
    provenance: 'benchmark',
    publishedRange: { low: 1_054, high: 1_308 },
  }),
  share('trainedLerSharePct', 'Trainees whose credential is issued as an LER', 'assumed', null),
  share('newTrainingSpendPct', 'Training cost that is new spend for the LER programme', 'assumed', null),
  spec('internalFillSaving', {
    label: 'Saving per role filled internally',
    unit: 'USD/promotion',
    min: 0,
    max: null,
    step: 10,
    source: 'SHRM, "The Real Costs of Recruitment": cost per hire "nearly $4,700"; SHRM 2016 benchmarking: $4,129',
    provenance: 'benchmark',
    publishedRange: { low: 4_129, high: 4_700 },
  }),
  spec('platformFeeAnnual', {
    label: 'LER platform fee',
    unit: 'USD/year',
    min: 0,
    max: null,
    step: 100,
    source: null,
    provenance: 'assumed',
  }),
  spec('costPerCredential', {
    label: 'Cost per LER credential',
    unit: 'USD/credential',
    min: 0,
    max: null,
    step: 1,
    source: null,
    provenance: 'assumed',
  }),
  spec('staffHoursPerVerification', {
    label: 'Staff time per LER verification',
    unit: 'hours',
    min: 0,
    max: null,
    step: 0.05,
    source: null,
    provenance: 'assumed',
  }),
  spec('staffHourlyCost', {
    label: 'Staff cost per hour',
    unit: 'USD/hour',
    min: 0,
    max: null,
    step: 1,
    source: null,
    provenance: 'assumed',
  }),
  share('lerHireSharePct', 'Hires arriving with an LER', 'assumed', null),
];

/** Readable messages for the inputs that break their spec; an empty object means all are valid. */
export type InputErrors = Partial<Record<InputKey, string>>;

function rangeText(s: InputSpec, withUnit: boolean): string {
  const unit = !withUnit ? '' : s.unit.startsWith('%') ? s.unit : ` ${s.unit}`;
  return s.max === null ? `${s.min}${unit} or more` : `between ${s.min} and ${s.max}${unit}`;
}

/** The message for one value against its spec, or null when it is valid. */
export function validateInput(s: InputSpec, value: number): string | null {
  if (!Number.isFinite(value)) return `${s.label} must be a number.`;
  const inRange = value >= s.min && (s.max === null || value <= s.max);
  if (s.whole && (!Number.isInteger(value) || !inRange)) return `${s.label} must be a whole number, ${rangeText(s, false)}.`;
  if (!inRange) return `${s.label} must be ${rangeText(s, true)}.`;
  return null;
}

/** Checks every input against INPUT_SPECS. */
export function validateInputs(inputs: BusinessCaseInputs): InputErrors {
  const errors: InputErrors = {};
  for (const s of INPUT_SPECS) {
    const message = validateInput(s, inputs[s.key]);
    if (message !== null) errors[s.key] = message;
  }
  return errors;
}
