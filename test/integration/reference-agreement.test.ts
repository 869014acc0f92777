/**
 * The product's metric SQL (computeResults on the real Node DuckDB engine) against an independent
 * plain-TypeScript implementation of the same definitions (test/support/reference-metrics.ts) on the
 * bundled sample data, and the sample's planted effects recovered. Every expected value is computed
 * here from the raw CSVs; none is copied from the product's output.
 */
import path from 'node:path';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PLANTED_PROMOTION_PROB_BASE,
  PLANTED_PROMOTION_PROB_LER,
  PLANTED_RETENTION_HR,
  PLANTED_TTF_EFFECT_DAYS,
} from '../../data/planted-effects';
import { effectsFromResults } from '../../src/business-case/effects';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { timeToFillByOccupationSql, timeToFillByQuarterSql } from '../../src/metrics/hiring';
import { upskillingSql } from '../../src/metrics/upskilling-sql';
import { pilotDidSql, readPilotDid, type EventTime } from '../../src/metrics/did';
import type { Filters } from '../../src/metrics/filters';
import type { Row } from '../../src/engine/engine';
import type { Dist } from '../../src/metrics/hiring';
import { computeResults, type ResultsFile } from '../../src/metrics/results';
import type { Surv } from '../../src/metrics/retention';
import { isSuppressed, SUPPRESSED, type OrSuppressed } from '../../src/metrics/suppression';
import { didInSqlReference } from '../support/did-sql-reference';
import { buildAggregates, freshEngine } from '../support/engine';
import { fileFrom, SAMPLE, SAMPLE_FILES } from '../support/files';
import { dayNumber, readPlainCsv } from '../support/plain-csv';
import {
  distribution,
  durationDays,
  kaplanMeier,
  logRank,
  quarterIndex,
  retentionAdjusted,
  retentionDid,
  staggeredDid,
  tenureSubjects,
  upskillingRetention,
  type Duration,
  type Group,
  type KmSummary,
} from '../support/reference-metrics';

const AS_OF = '2025-12-31';
const K = 10;
const LANDMARKS = [90, 180, 365] as const;
const GROUPS: readonly Group[] = ['ler', 'non_ler'];
const TOLERANCE = 1e-9;
/** χ²(1) upper 5% point: p < 0.05 exactly when χ² exceeds it. */
const CHI2_1DF_95 = 3.841458820694124;

const employers = readPlainCsv(path.join(SAMPLE, 'employers.csv'));
const hires = readPlainCsv(path.join(SAMPLE, 'hires.csv'));
const training = readPlainCsv(path.join(SAMPLE, 'training.csv'));

let engine: Engine;
let results: ResultsFile;

beforeAll(async () => {
  engine = await freshEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  results = await computeResults((sql) => engine.query(sql), {}, { asOf: AS_OF, k: K });
});

/** A matrix's inverse by Gauss-Jordan elimination with partial pivoting, or null when it is singular. */
function invert(m: number[][]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...m.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
    const p = a[col]?.[col] ?? 0;
    if (Math.abs(p) < 1e-300) return null;
    a[col] = (a[col] ?? []).map((x) => x / p);
    for (let r = 0; r < n; r++)
      if (r !== col) {
        const f = a[r]?.[col] ?? 0;
        a[r] = (a[r] ?? []).map((x, c) => x - f * (a[col]?.[c] ?? 0));
      }
  }
  return a.map((row) => row.slice(n));
}

/** |actual − expected| ≤ 1e-9 · max(1, |expected|): absolute for small numbers, relative for large ones. */
function expectClose(actual: number | null | undefined, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `${label}: product ${String(actual)} vs reference ${expected}`).toBeLessThanOrEqual(
    TOLERANCE * Math.max(1, Math.abs(expected)),
  );
}

function shown<T extends object>(value: OrSuppressed<T>, label: string): T {
  if (isSuppressed(value)) throw new Error(`${label} is suppressed`);
  return value;
}

function shownEvent(value: ResultsFile['pilot_did']['event_study'][number]): EventTime {
  if (!isSuppressed(value)) return value;
  throw new Error(`an event time is suppressed: ${JSON.stringify(value)}`);
}

/** The reference Kaplan-Meier of a group, computed once. */
const kmCache = new Map<Group, KmSummary>();
function referenceKm(group: Group): KmSummary {
  let km = kmCache.get(group);
  if (!km) {
    km = kaplanMeier(tenureSubjects(hires, AS_OF, group), LANDMARKS);
    kmCache.set(group, km);
  }
  return km;
}
const referenceLogRank = () => logRank(tenureSubjects(hires, AS_OF, 'ler'), tenureSubjects(hires, AS_OF, 'non_ler'));
const referenceDid = () => staggeredDid(employers, hires, AS_OF);

describe('retention: product Kaplan-Meier equals a plain Kaplan-Meier over raw hires (1e-9)', () => {
  for (const group of GROUPS) {
    it(`${group}: n, events, median tenure, and S / log-scale interval at 90, 180, 365 days`, () => {
      const ref = referenceKm(group);
      const surv: Surv = shown(results.retention[group], `retention.${group}`);
      expect(surv.n).toBe(ref.n);
      expect(surv.events).toBe(ref.events);
      expect(surv.median_tenure_days).toBe(ref.median);
      for (const t of LANDMARKS) {
        const point = ref.at.get(t);
        if (!point) throw new Error(`no reference point at ${t}`);
        const product = shown(surv.km[String(t) as '90' | '180' | '365'], `${group} S(${t})`);
        expectClose(product.s, point.s, `${group} S(${t})`);
        expectClose(product.lo, point.lo, `${group} lo(${t})`);
        expectClose(product.hi, point.hi, `${group} hi(${t})`);
      }
    });
  }

  it('the sample is large enough that the comparison is not trivial', () => {
    for (const group of GROUPS) {
      const ref = referenceKm(group);
      expect(ref.n).toBeGreaterThan(1000);
      expect(ref.events).toBeGreaterThan(100);
      for (const t of LANDMARKS) expect(ref.at.get(t)?.s ?? Number.NaN).toBeLessThan(1);
    }
  });
});

describe('log-rank: product chi-square equals a plain log-rank over raw hires', () => {
  it('chi2 agrees to 1e-9 relative, and p < 0.05', () => {
    const ref = referenceLogRank();
    const chi2 = results.retention.logrank.chi2;
    expect(chi2).not.toBeNull();
    expect(Math.abs((chi2 ?? Number.NaN) - ref.chi2) / ref.chi2).toBeLessThanOrEqual(TOLERANCE);
    expect(ref.chi2).toBeGreaterThan(CHI2_1DF_95);
    expect(results.retention.logrank.p).toBeLessThan(0.05);
  });
});

describe('pilot_did: product point estimates equal a plain staggered DiD over raw hires (1e-9)', () => {
  it('overall ATT', () => {
    expectClose(results.pilot_did.att.estimate, referenceDid().att, 'att');
  });

  it('event study: the same event times, each estimate and hire count', () => {
    const ref = referenceDid();
    const product = results.pilot_did.event_study.map(shownEvent);
    expect(product.map((ev) => ev.e)).toEqual(ref.eventStudy.map((ev) => ev.e));
    for (const [i, ev] of ref.eventStudy.entries()) {
      const p = product[i];
      expectClose(p?.estimate, ev.estimate, `ATT(e=${ev.e})`);
      expect(p?.n, `N(e=${ev.e})`).toBe(ev.n);
    }
  });

  it("the pilot's LER share: LER-verified share of adopters' hires from their adoption quarter on", () => {
    const end = dayNumber(AS_OF);
    const adoption = new Map(
      employers
        .filter((e) => e.ler_adopted_on && dayNumber(e.ler_adopted_on) <= end)
        .map((e) => [e.employer_id, quarterIndex(e.ler_adopted_on ?? '')]),
    );
    const post = hires.filter((h) => {
      const g = adoption.get(h.employer_id ?? '');
      return g !== undefined && dayNumber(h.offer_accepted_on ?? '') <= end && quarterIndex(h.requisition_opened_on ?? '') >= g;
    });
    expect(post.length).toBeGreaterThan(1000);
    expectClose(results.pilot_did.ler_share_post, post.filter((h) => h.ler_verified === 'true').length / post.length, 'ler_share_post');
  });

  it('treated and control employer counts and dropped cohorts', () => {
    const ref = referenceDid();
    expect(results.pilot_did.treated_employers).toBe(ref.treatedEmployers);
    expect(results.pilot_did.control_employers).toBe(ref.controlEmployers);
    expect(results.pilot_did.dropped_cohorts).toBe(ref.droppedCohorts);
    expect(ref.treatedEmployers).toBeGreaterThan(0);
    expect(ref.controlEmployers).toBeGreaterThan(0);
  });
});

describe('pilot_did_retention and retention_adjusted: product equals the plain implementation over raw hires (1e-9)', () => {
  const did = retentionDid(employers, hires, AS_OF);
  const adjusted = retentionAdjusted(hires, AS_OF);

  it('retention DiD: overall ATT, event study with hire counts, employers, dropped cohorts, LER share', () => {
    const product = results.pilot_did_retention;
    expectClose(product.att.estimate, did.att, 'att');
    expect(product.event_study.map((ev) => ev.e)).toEqual(did.eventStudy.map((ev) => ev.e));
    const events = product.event_study.map(shownEvent);
    for (const [i, ev] of did.eventStudy.entries()) {
      expectClose(events[i]?.estimate, ev.estimate, `ATT(e=${ev.e})`);
      expect(events[i]?.n, `N(e=${ev.e})`).toBe(ev.n);
    }
    expect([product.treated_employers, product.control_employers, product.dropped_cohorts]).toEqual([
      did.treatedEmployers,
      did.controlEmployers,
      did.droppedCohorts,
    ]);
    expectClose(product.ler_share_post, did.lerSharePost, 'ler_share_post');
    // Not trivial: most employers, and the event study from e = −4 on.
    expect(did.treatedEmployers + did.controlEmployers).toBeGreaterThan(50);
    expect(did.eventStudy[0]?.e).toBe(-4);
  });

  it('within-employer comparison: estimate, interval, strata, hires and the stratified log-rank', () => {
    const product = shown(results.retention_adjusted, 'retention_adjusted');
    expectClose(product.estimate, adjusted.estimate, 'estimate');
    expectClose(product.ci95?.[0], adjusted.lo, 'lo');
    expectClose(product.ci95?.[1], adjusted.hi, 'hi');
    expect([product.strata, product.dropped_strata, product.ler_hires, product.non_ler_hires]).toEqual([
      adjusted.strata,
      adjusted.droppedStrata,
      adjusted.lerHires,
      adjusted.nonLerHires,
    ]);
    expect(Math.abs((product.logrank.chi2 ?? Number.NaN) - adjusted.logrank.chi2) / adjusted.logrank.chi2).toBeLessThanOrEqual(TOLERANCE);
    expect(adjusted.strata).toBeGreaterThan(100);
  });
});

describe('the promotion effect (DESIGN §4b): completions followed a whole year, promoted within it', () => {
  it('promotion_rate_365 and completions_followed_365 per credential_as_ler equal a plain count over raw enrollments', () => {
    const end = dayNumber(AS_OF);
    for (const credential of ['true', 'false'] as const) {
      const followed = training.filter(
        (t) => t.credential_as_ler === credential && t.completed_on && dayNumber(t.completed_on) + 365 <= end,
      );
      const promoted = followed.filter((t) => {
        if (!t.promoted_on || dayNumber(t.promoted_on) > end) return false;
        const days = dayNumber(t.promoted_on) - dayNumber(t.completed_on ?? '');
        return days >= 0 && days <= 365;
      });
      const figures = shown(results.upskilling, 'upskilling').by_credential_as_ler[credential];
      const product = shown(figures ?? SUPPRESSED, `credential_as_ler ${credential}`);
      expect(product.completions_followed_365, credential).toBe(followed.length);
      expectClose(product.promotion_rate_365, promoted.length / followed.length, `promotion_rate_365 ${credential}`);
      expect(followed.length).toBeGreaterThan(500);
    }
  });

  it(`recovers the planted promotion effect (${PLANTED_PROMOTION_PROB_LER} vs ${PLANTED_PROMOTION_PROB_BASE} drawn): LER credentials promoted more, interval above 0`, () => {
    const effect = effectsFromResults(results).promotionRatePoints;
    expect(effect?.estimate).toBeGreaterThan(0);
    expect(effect?.low).toBeGreaterThan(0);
    // Observed rates sit below the drawn ones: a promotion after the as-of date or a separation is never written.
    expect(effect?.high).toBeLessThan(PLANTED_PROMOTION_PROB_LER - PLANTED_PROMOTION_PROB_BASE + 0.05);
  });
});

describe('time to fill / time to hire: product distributions equal a plain sort (1e-9)', () => {
  for (const duration of ['time_to_fill', 'time_to_hire'] as const satisfies readonly Duration[]) {
    it(`${duration}: n, mean and type-7 quantiles per group`, () => {
      for (const group of GROUPS) {
        const ref = distribution(durationDays(hires, AS_OF, duration, group));
        const dist: Dist = shown(results[duration][group], `${duration}.${group}`);
        expect(dist.n).toBe(ref.n);
        for (const stat of ['mean', 'median', 'p25', 'p75', 'p90'] as const)
          expectClose(dist[stat], ref[stat], `${duration} ${group} ${stat}`);
      }
    });

    it(`${duration}: ler − non_ler difference of means and its Welch 95% interval`, () => {
      const a = distribution(durationDays(hires, AS_OF, duration, 'ler'));
      const b = distribution(durationDays(hires, AS_OF, duration, 'non_ler'));
      const va = a.variance / a.n;
      const vb = b.variance / b.n;
      const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
      const half = tQuantile(0.975, df) * Math.sqrt(va + vb);
      const estimate = a.mean - b.mean;
      const diff = results[duration].mean_diff;
      expectClose(diff.estimate, estimate, `${duration} mean_diff`);
      expect(diff.ci95).not.toBeNull();
      expectClose(diff.ci95?.[0], estimate - half, `${duration} mean_diff lo`);
      expectClose(diff.ci95?.[1], estimate + half, `${duration} mean_diff hi`);
    });
  }
});

describe('time to fill by requisition quarter and by occupation: each cell equals a plain sort (1e-9)', () => {
  const breakdowns = {
    quarter: {
      sql: timeToFillByQuarterSql,
      key: (h: Record<string, string>) =>
        `${h.requisition_opened_on?.slice(0, 4)}-Q${Math.ceil(Number(h.requisition_opened_on?.slice(5, 7)) / 3)}`,
    },
    occupation: { sql: timeToFillByOccupationSql, key: (h: Record<string, string>) => h.occupation || '(not given)' },
  } as const;
  for (const [by, { sql, key }] of Object.entries(breakdowns)) {
    it(`by ${by}: n, mean and median per group`, async () => {
      const rows = await engine.query<{ group: Group; n: number; mean: number; median: number } & Record<string, unknown>>(
        sql({}, { asOf: AS_OF, k: K }),
      );
      const cells = new Map<string, Record<string, string>[]>();
      for (const hire of hires) cells.set(key(hire), [...(cells.get(key(hire)) ?? []), hire]);
      let compared = 0;
      for (const [cell, members] of cells) {
        for (const group of GROUPS) {
          const days = durationDays(members, AS_OF, 'time_to_fill', group);
          const row = rows.find((r) => r[by] === cell && r.group === group);
          if (days.length === 0) {
            expect(row, `${cell} ${group}`).toBeUndefined();
            continue;
          }
          const ref = distribution(days);
          expect(row?.n, `${cell} ${group} n`).toBe(ref.n);
          expectClose(row?.mean, ref.mean, `${cell} ${group} mean`);
          expectClose(row?.median, ref.median, `${cell} ${group} median`);
          compared++;
        }
      }
      expect(rows).toHaveLength(compared);
    });
  }
});

describe('upskilling retention: product trainee and comparison curves equal a plain implementation (1e-9)', () => {
  const reference = upskillingRetention(training, hires, AS_OF);
  for (const path of ['rows', 'pre-aggregates'] as const) {
    it(`all enrollments, read from the ${path}: trainees, landmark, comparison n, S(365) of each and its variance`, async () => {
      if (path === 'pre-aggregates') await buildAggregates(engine, AS_OF);
      const rows = await engine.query(upskillingSql({}, { asOf: AS_OF, k: K, aggregatesAsOf: path === 'pre-aggregates' ? AS_OF : null }));
      const all = rows.find((r) => r.dim === 'all');
      expect(all?.trainees).toBe(reference.trainees);
      expect(all?.comparison_n).toBe(reference.comparisonN);
      expectClose(all?.landmark_days as number, reference.landmark, 'landmark');
      expectClose(all?.s_trainee as number, reference.sTrainee, 'S(365), trainees');
      expectClose(all?.s_comparison as number, reference.sComparison, 'S(365), comparison');
      expectClose(all?.var_trainee as number, reference.varTrainee, 'Greenwood variance of S(365), trainees');
      expectClose(all?.var_comparison as number, reference.varComparison, 'Greenwood variance of S(365), comparison');
    });
  }
  it('the comparison is not trivial: hundreds in each group, followed past a year', () => {
    expect(reference.trainees).toBeGreaterThan(200);
    expect(reference.comparisonN).toBeGreaterThan(200);
    expect(reference.sTrainee).not.toBeNull();
    expect(reference.sComparison).not.toBeNull();
    expect(reference.varTrainee).toBeGreaterThan(0);
    expect(reference.varComparison).toBeGreaterThan(0);
  });
});

describe('planted effects of the sample data are recovered', () => {
  it(`the overall DiD ATT 95% interval covers the planted ${PLANTED_TTF_EFFECT_DAYS}-day time-to-fill effect`, () => {
    const ci = results.pilot_did.att.ci95;
    expect(ci).not.toBeNull();
    const [lo, hi] = ci ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThanOrEqual(PLANTED_TTF_EFFECT_DAYS);
    expect(hi).toBeGreaterThanOrEqual(PLANTED_TTF_EFFECT_DAYS);
    // And the interval excludes 0: the effect is detected, not merely not contradicted.
    expect(hi).toBeLessThan(0);
  });

  it('event-study pre-period (e = −4…−2) intervals cover 0 (no pre-trend)', () => {
    const pre = results.pilot_did.event_study.map(shownEvent).filter((ev) => ev.e >= -4 && ev.e <= -2);
    expect(pre.map((ev) => ev.e)).toEqual([-4, -3, -2]);
    for (const ev of pre) {
      expect(ev.ci95, `e=${ev.e}`).not.toBeNull();
      const [lo, hi] = ev.ci95 ?? [Number.NaN, Number.NaN];
      expect(lo, `e=${ev.e} lo`).toBeLessThanOrEqual(0);
      expect(hi, `e=${ev.e} hi`).toBeGreaterThanOrEqual(0);
    }
  });

  it('the joint pre-trend test (3 df) does not reject parallel paths, as none was planted', () => {
    const test = results.pilot_did.pretrend;
    expect(test?.df).toBe(3);
    expect(test?.chi2).toBeGreaterThan(0);
    expect(test?.p).toBeGreaterThan(0.05);
  });

  it(`LER hires (planted separation hazard ratio ${PLANTED_RETENTION_HR}) retain better at 90, 180, 365 days, log-rank p < 0.05`, () => {
    expect(PLANTED_RETENTION_HR).toBeLessThan(1);
    const ler = shown(results.retention.ler, 'retention.ler');
    const nonLer = shown(results.retention.non_ler, 'retention.non_ler');
    for (const t of ['90', '180', '365'] as const) {
      expect(shown(ler.km[t], `ler S(${t})`).s ?? Number.NaN, `S(${t})`).toBeGreaterThan(
        shown(nonLer.km[t], `non_ler S(${t})`).s ?? Number.NaN,
      );
      const refLer = referenceKm('ler').at.get(Number(t))?.s ?? Number.NaN;
      const refNon = referenceKm('non_ler').at.get(Number(t))?.s ?? Number.NaN;
      expect(refLer, `reference S(${t})`).toBeGreaterThan(refNon);
    }
    expect(results.retention.logrank.p).toBeLessThan(0.05);
    // LER hires have fewer separations than expected under no difference.
    expect(referenceLogRank().observedMinusExpected).toBeLessThan(0);
  });
});

describe('the planted retention effect of LER hires reaches the retention effects', () => {
  it(`within employers: the interval covers the gap hazard ratio ${PLANTED_RETENTION_HR} implies at the non-LER hires' S(365), and excludes 0`, () => {
    // Proportional hazards: S_ler = S_non ^ HR. At the sample's non-LER S(365) the implied gap is S^HR − S.
    const sNon = shown(shown(results.retention.non_ler, 'retention.non_ler').km['365'], 'non_ler S(365)').s ?? Number.NaN;
    const implied = sNon ** PLANTED_RETENTION_HR - sNon;
    const [lo, hi] = shown(results.retention_adjusted, 'retention_adjusted').ci95 ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThanOrEqual(implied);
    expect(hi).toBeGreaterThanOrEqual(implied);
    expect(lo).toBeGreaterThan(0);
    expect(shown(results.retention_adjusted, 'retention_adjusted').logrank.p).toBeLessThan(0.05);
  });

  it("the retention DiD's interval covers the adoption effect that planted gap implies at the pilot's LER share", () => {
    // Adoption raises an adopter's retention only through its LER hires: ATT ≈ s_p × the within-employer gap.
    const did = results.pilot_did_retention;
    const gap = shown(results.retention_adjusted, 'retention_adjusted').estimate ?? Number.NaN;
    const implied = (did.ler_share_post ?? Number.NaN) * gap;
    expect(implied).toBeGreaterThan(0.01);
    const [lo, hi] = did.att.ci95 ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThanOrEqual(implied);
    expect(hi).toBeGreaterThanOrEqual(implied);
    // No pre-trend was planted: the joint test over e = −4…−2 does not reject.
    expect(did.pretrend?.df).toBe(3);
    expect(did.pretrend?.p).toBeGreaterThan(0.05);
  });
});

describe('the DiD employer-cluster bootstrap reproduces', () => {
  it('gives the same point estimates without its replicates, and no interval, for the page to show first', async () => {
    const settings = { asOf: AS_OF, k: 1 };
    for (const outcome of ['time_to_fill_days', 'retained_365'] as const) {
      const whole = readPilotDid(await engine.query(pilotDidSql({}, settings, outcome)), 1, outcome);
      const point = readPilotDid(await engine.query(pilotDidSql({}, settings, outcome, 0)), 1, outcome);
      expect(whole.att.ci95).not.toBeNull();
      expect(point.att).toEqual({ estimate: whole.att.estimate, ci95: null });
      expect(point.event_study.map((ev) => ('estimate' in ev ? [ev.e, ev.estimate, ev.ci95] : [ev.e]))).toEqual(
        whole.event_study.map((ev) => ('estimate' in ev ? [ev.e, ev.estimate, null] : [ev.e])),
      );
      expect([point.treated_employers, point.control_employers, point.pretrend]).toEqual([
        whole.treated_employers,
        whole.control_employers,
        null,
      ]);
    }
  });

  it('equals the same estimator written wholly in SQL, intervals and event study included, under many filters', async () => {
    const settings = { asOf: AS_OF, k: 1 };
    const industries = [...new Set(readPlainCsv(path.join(SAMPLE, 'employers.csv')).map((r) => r.industry ?? ''))].sort();
    const states: Filters[] = [{}, { industry: industries.slice(0, 1) }, { industry: industries.slice(1, 4) }, { region: ['CA', 'TX'] }];
    states.push({ period: { from: '2023-01-01', to: '2024-06-30' } }, { occupation: ['Sales'] }, { region: ['nowhere'] });
    let compared = 0;
    let pretrendTests = 0;
    const runs = (['time_to_fill_days', 'retained_365'] as const).flatMap((outcome) =>
      states.map((filters) => [outcome, filters] as const),
    );
    for (const [outcome, filters] of runs) {
      const product = readPilotDid(await engine.query(pilotDidSql(filters, settings, outcome)), 1, outcome);
      const [ref] = await engine.query(didInSqlReference(filters, settings, outcome));
      const label = `${outcome} ${JSON.stringify(filters)}`;
      expect(product.treated_employers, label).toBe(Number(ref?.treated_employers));
      expect(product.control_employers, label).toBe(Number(ref?.control_employers));
      expect(product.dropped_cohorts, label).toBe(Number(ref?.dropped_cohorts));
      const close = (a: number | null | undefined, b: unknown, what: string) => {
        if (b === null) return expect(a ?? null, `${label} ${what}`).toBeNull();
        compared++;
        expect(Math.abs((a ?? Number.NaN) - Number(b)), `${label} ${what}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(b))));
      };
      close(product.att.estimate, ref?.att, 'att');
      close(product.att.ci95?.[0], ref?.att_lo, 'att_lo');
      close(product.att.ci95?.[1], ref?.att_hi, 'att_hi');
      const events = (ref?.event_study ?? []) as Row[];
      expect(
        product.event_study.map((ev) => ev.e),
        label,
      ).toEqual(events.map((ev) => Number(ev.e)));
      product.event_study.forEach((ev, i) => {
        const shown = shownEvent(ev);
        close(shown.estimate, events[i]?.estimate, `e=${ev.e} estimate`);
        close(shown.ci95?.[0], events[i]?.lo, `e=${ev.e} lo`);
        close(shown.ci95?.[1], events[i]?.hi, `e=${ev.e} hi`);
        expect(shown.n, `${label} e=${ev.e} n`).toBe(Number(events[i]?.n));
      });
      const theta = ((ref?.pretrend_theta ?? []) as number[]).map(Number);
      const cov = (ref?.pretrend_cov ?? []) as Row[];
      const inverse = invert(theta.map((_, i) => theta.map((__, j) => Number(cov[i * theta.length + j]?.c))));
      const chi2 = inverse && theta.reduce((w, ti, i) => w + theta.reduce((r, tj, j) => r + ti * (inverse[i]?.[j] ?? 0) * tj, 0), 0);
      if (theta.length === 0 || chi2 === null) expect(product.pretrend, `${label} pretrend`).toBeNull();
      else {
        expect(product.pretrend?.df, label).toBe(theta.length);
        close(product.pretrend?.chi2, chi2, 'pretrend chi2');
        pretrendTests++;
      }
    }
    // The states above cover estimates with intervals, not only empty filters, and pre-trend tests, for both outcomes.
    expect(compared).toBeGreaterThan(200);
    expect(pretrendTests).toBeGreaterThan(7);
  });

  it('each subgroup ATT equals the SQL estimator run on the pilot filtered to that industry, size band or region', async () => {
    const { subgroups } = results.pilot_did;
    if (!subgroups) throw new Error('results@1 carries the subgroup ATTs');
    const chosen = [
      ...subgroups.size_band.map((g) => ['size_band', g] as const),
      ...subgroups.industry.slice(0, 3).map((g) => ['industry', g] as const),
      ...subgroups.region.slice(0, 2).map((g) => ['region', g] as const),
    ];
    let shown = 0;
    for (const [dim, g] of chosen) {
      const [ref] = await engine.query(didInSqlReference({ [dim]: [g.value] }, { asOf: AS_OF, k: K }));
      const [treated, controls] = [Number(ref?.treated_employers), Number(ref?.control_employers)];
      if (g.suppressed) {
        expect(Math.min(treated, controls), `${dim} ${g.value}`).toBeLessThan(2);
        continue;
      }
      shown++;
      expect([g.treated_employers, g.control_employers], `${dim} ${g.value}`).toEqual([treated, controls]);
      expect(Math.min(treated, controls)).toBeGreaterThanOrEqual(2);
      for (const [actual, expected] of [
        [g.estimate, ref?.att],
        [g.ci95?.[0], ref?.att_lo],
        [g.ci95?.[1], ref?.att_hi],
      ] as const)
        expect(Math.abs(Number(actual) - Number(expected)), `${dim} ${g.value}`).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(Number(expected))),
        );
    }
    expect(shown).toBeGreaterThan(3);
    // Every value of each dimension gets an entry.
    const values = await engine.query(
      `SELECT count(DISTINCT industry) AS i, count(DISTINCT size_band) AS s, count(DISTINCT region) AS r FROM employers`,
    );
    expect([subgroups.industry.length, subgroups.size_band.length, subgroups.region.length]).toEqual([
      Number(values[0]?.i),
      Number(values[0]?.s),
      Number(values[0]?.r),
    ]);
  });

  it('computing the results twice gives an identical pilot_did object', async () => {
    const again = await computeResults((sql) => engine.query(sql), {}, { asOf: AS_OF, k: K });
    expect(again.pilot_did).toEqual(results.pilot_did);
    expect(results.pilot_did.att.ci95).not.toBeNull();
  });
});
