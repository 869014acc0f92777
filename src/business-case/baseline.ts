import type { Row } from '../engine/engine';
import { survivalAtSql } from '../metrics/estimators';
import type { Filters } from '../metrics/filters';
import { numOrNull, text } from '../metrics/read-row';
import type { MetricSettings } from '../metrics/settings';
import { asOfTerms } from '../metrics/sources/as-of';
import { hireRowsSql } from '../metrics/sources/hire-counts';
import { scopeOf } from '../metrics/sources/pool';
import { hireCountsSql } from '../metrics/sources/read-counts';
import { trainingCostsSql } from '../metrics/sources/training-counts';
import { dateLiteral } from '../sql/quote';
import { dailyVacancyCostFromSalary, type BusinessCaseInputs, type InputKey } from './inputs';

/** An input's value measured in the loaded data: what it rests on, in words, and how many it counts. */
export interface Measured {
  value: number;
  n: number;
  basis: string;
}

/** The business-case inputs the loaded data can give (DESIGN §4b, issue 15): the others keep their defaults. */
export type Baseline = Partial<Record<InputKey, Measured>>;

/** Why an input the data could give is not measured, e.g. a column the pooled contributions do not carry. */
export type Unmeasured = Partial<Record<InputKey, string>>;

/**
 * The employer's baseline from the loaded data, in one row: hires and mean time-to-fill over the last
 * four whole quarters of requisitions before the as-of date (a year's hiring, whatever the data's span;
 * the latest quarter can still lack offers not yet accepted); mean annual_salary of those hires (from the
 * rows: the contributions carry no salaries); twelve-month turnover as 1 − S(365), Kaplan-Meier over every
 * hire; mean hiring_cost per hire; direct training cost per person trained. Each part is referenced once,
 * joined to the one row of `fill`: a scalar subquery per figure made the engine plan every part twice
 * (planning, not running, was 100 ms of the 115 on a 500-employer pool).
 */
export function baselineSql(filters: Filters, settings: MetricSettings): string {
  const d = dateLiteral(settings.asOf);
  // The first day after the last whole quarter on or before the as-of date.
  const end = `date_trunc('quarter', ${d} + INTERVAL 1 DAY)::DATE`;
  const window = `q >= ${end} - INTERVAL 12 MONTH AND q < ${end}`;
  const salary = scopeOf(settings).rows
    ? `SELECT avg(annual_salary) AS mean, count(annual_salary) AS n FROM (${hireRowsSql(filters)})
       WHERE ${asOfTerms(d).hired} AND ${window}`
    : 'SELECT NULL::DOUBLE AS mean, 0 AS n';
  return `WITH fill AS (SELECT sum(c)::DOUBLE AS hires, sum(day * c)::DOUBLE AS days FROM (${hireCountsSql('fill', filters, settings, ['q'])}) WHERE ${window}),
    salary AS (${salary}),
    tenure AS (${survivalAtSql(`SELECT 'all' AS grp, day, events, censored FROM (${hireCountsSql('tenure', filters, settings, [])})`, [365])}),
    costs AS (${hireCountsSql('hiringCosts', filters, settings, [])}),
    training AS (SELECT direct_cost, people FROM (${trainingCostsSql(filters, settings, 'all')}) WHERE dim = 'all')
    SELECT strftime(${end} - INTERVAL 12 MONTH, '%Y') || '-Q' || quarter(${end} - INTERVAL 12 MONTH) AS window_from,
      strftime(${end} - INTERVAL 1 DAY, '%Y') || '-Q' || quarter(${end} - INTERVAL 1 DAY) AS window_to,
      fill.hires, fill.days / nullif(fill.hires, 0) AS mean_time_to_fill, salary.mean AS mean_salary, salary.n AS salaries,
      (1 - tenure.s_365) * 100 AS turnover_pct, tenure.n AS tenure_n,
      costs.cost_sum / nullif(costs.with_cost, 0) AS mean_hiring_cost, costs.with_cost,
      training.direct_cost / nullif(training.people, 0) AS cost_per_trainee, training.people AS trainees
    FROM fill, salary LEFT JOIN tenure ON true LEFT JOIN costs ON true LEFT JOIN training ON true`;
}

/** The measured inputs from baselineSql's row; one whose count is zero (or whose value is missing) is not measured. */
export function readBaseline(rows: readonly Row[]): Baseline {
  const r = rows[0];
  if (!r) return {};
  const window = `${text(r, 'window_from')} to ${text(r, 'window_to')}`;
  const measured = (value: number | null, n: number | null, basis: string): Measured | undefined =>
    value === null || n === null || n <= 0 || !Number.isFinite(value) ? undefined : { value, n, basis };
  const hires = numOrNull(r, 'hires');
  const entries: [InputKey, Measured | undefined][] = [
    ['annualHires', measured(hires, hires, `hires with requisitions opened ${window}`)],
    [
      'currentTimeToFillDays',
      measured(numOrNull(r, 'mean_time_to_fill'), hires, `mean time-to-fill of the hires with requisitions opened ${window}`),
    ],
    [
      'annualSalary',
      measured(numOrNull(r, 'mean_salary'), numOrNull(r, 'salaries'), `mean annual_salary of the hires with requisitions opened ${window}`),
    ],
    [
      'annualTurnoverPct',
      measured(
        numOrNull(r, 'turnover_pct'),
        numOrNull(r, 'tenure_n'),
        'share of hires gone within 12 months of starting, 1 − S(365) (Kaplan-Meier over every hire)',
      ),
    ],
    [
      'internalFillSaving',
      measured(
        numOrNull(r, 'mean_hiring_cost'),
        numOrNull(r, 'with_cost'),
        'mean hiring_cost per hire: the cost a role filled internally saves',
      ),
    ],
    ['costPerTrainee', measured(numOrNull(r, 'cost_per_trainee'), numOrNull(r, 'trainees'), 'direct training cost per person enrolled')],
  ];
  return Object.fromEntries(entries.filter(([, m]) => m !== undefined));
}

/** Inputs the data could give but do not, and why (a column the data lack is said so, and the benchmark stays). */
export function unmeasured(baseline: Baseline, settings: MetricSettings): Unmeasured {
  const pooledOnly = !scopeOf(settings).rows;
  const why: Unmeasured = {};
  if (!baseline.annualSalary)
    why.annualSalary = pooledOnly
      ? 'Not measured: pooled contributions carry no salaries.'
      : 'Not measured: no annual_salary in these hires.';
  if (!baseline.internalFillSaving) why.internalFillSaving = 'Not measured: no hiring_cost in these hires.';
  if (!baseline.costPerTrainee) why.costPerTrainee = 'Not measured: no training enrollments in these data.';
  if (!baseline.annualHires) why.annualHires = 'Not measured: no hires with requisitions in the last four quarters before the as-of date.';
  return why;
}

/**
 * The inputs in force: the user's edits, else the measured baseline, else the defaults; the daily
 * vacancy cost follows the salary in force until the user sets it.
 */
export function inputsInForce(inputs: BusinessCaseInputs, edited: readonly InputKey[], baseline: Baseline): BusinessCaseInputs {
  const out = { ...inputs };
  for (const [key, m] of Object.entries(baseline) as [InputKey, Measured][]) if (!edited.includes(key)) out[key] = m.value;
  if (!edited.includes('dailyVacancyCost')) out.dailyVacancyCost = dailyVacancyCostFromSalary(out.annualSalary);
  return out;
}
