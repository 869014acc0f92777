import { useCallback, type ReactNode } from 'react';
import { ChartCard } from '../../components/chart-card';
import { Figure } from '../../components/figure';
import { formatCount, formatSigned } from '../../components/format';
import { EstimateChart, PALETTE } from '../../components/series-charts';
import { StrengthNote } from '../../components/strength-tag';
import { BOOTSTRAP_REPLICATES, pilotDidSql, readPilotDid } from '../../metrics/did';
import type { DidOutcome } from '../../metrics/did-cells';
import type { Filters } from '../../metrics/filters';
import type { Row } from '../../metrics/read-row';
import type { MetricSettings } from '../../metrics/settings';
import { isSuppressed } from '../../metrics/suppression';
import type { ChiSquareTest } from '../../stats/wald';
import { NO_HIRES, QueryView } from '../query-view';
import { useDidEstimate } from '../use-did-estimate';
import { useFigures } from '../use-sql';

/** How each DiD outcome is named, measured and read on the page. */
const OUTCOMES: Record<
  DidOutcome,
  {
    title: string;
    headline: string;
    /** A figure in its unit: days, or proportion points shown as percentage points. */
    format: (x: number) => string;
    interval: (ci: [number, number]) => string;
    axis: (x: number) => string;
    fileStem: string;
    eventTitle: string;
    eventDescription: string;
    reading: (estimate: number, ci: [number, number]) => string;
    what: string;
    period: string;
  }
> = {
  time_to_fill_days: {
    title: 'Time-to-fill',
    headline: 'Change in time-to-fill after adoption (overall ATT)',
    format: (x) => `${formatSigned(x)} days`,
    interval: ([lo, hi]) => `${formatSigned(lo)} to ${formatSigned(hi)} days`,
    axis: (v) => `${v.toFixed(0)} d`,
    fileStem: 'pilot-event-study',
    eventTitle: 'Event study: time-to-fill by quarters since adoption',
    eventDescription:
      'Change in mean time-to-fill relative to the quarter before adoption (e = −1), against never-adopting employers, with 95% bootstrap intervals.',
    reading: (estimate, ci) =>
      `After adopting LERs, employers filled requisitions ${Math.abs(estimate).toFixed(1)} days ${estimate < 0 ? 'faster' : 'slower'} on average than the never-adopting employers' trend would predict (95% CI ${formatSigned(ci[0])} to ${formatSigned(ci[1])} days).`,
    what: 'It concerns all hires at adopting employers, not only LER-verified ones, and it does not measure quality of hire.',
    period: 'quarter the requisition was opened',
  },
  retained_365: {
    title: 'First-year retention',
    headline: 'Change in the share of hires still employed after 365 days (overall ATT)',
    format: (x) => `${formatSigned(x * 100)} points`,
    interval: ([lo, hi]) => `${formatSigned(lo * 100)} to ${formatSigned(hi * 100)} points`,
    axis: (v) => `${(v * 100).toFixed(0)} pt`,
    fileStem: 'pilot-retention-event-study',
    eventTitle: 'Event study: first-year retention by quarters since adoption',
    eventDescription:
      'Change in the share of hires still employed after 365 days, by the quarter they started, relative to the quarter before adoption (e = −1), against never-adopting employers, with 95% bootstrap intervals. Only start quarters followed for a whole year enter.',
    reading: (estimate, ci) =>
      `Hires who started after their employer adopted LERs were ${Math.abs(estimate * 100).toFixed(1)} percentage points ${estimate >= 0 ? 'more' : 'less'} likely to stay a full year than the never-adopting employers' trend would predict (95% CI ${formatSigned(ci[0] * 100)} to ${formatSigned(ci[1] * 100)} points).`,
    what: "It concerns all hires at adopting employers, not only LER-verified ones: the effect per LER hire is larger, by the inverse of the LER share of adopters' hires. Hires of the last year are not in it yet: their year is not over.",
    period: 'quarter the hire started, each followed a whole year',
  },
};

/**
 * One pilot DiD (DESIGN §4, §4b) on the Pilot outcomes page: its overall ATT with the employers it rests
 * on, the event study, and how to read it; `after` renders what follows the event study (the subgroups).
 */
export function DidSection({
  outcome,
  filters,
  settings,
  after,
}: {
  outcome: DidOutcome;
  filters: Filters;
  settings: MetricSettings;
  after?: (att: number | null) => ReactNode;
}) {
  const spec = OUTCOMES[outcome];
  const sql = pilotDidSql(filters, settings, outcome);
  // Stable, so that it runs once per answer, not once per render.
  const read = useCallback((rows: Row[]) => readPilotDid(rows, settings.k, outcome), [settings.k, outcome]);
  // The point estimates without the replicates, asked first (the engine answers in the order asked):
  // they show, marked as updating, while the bootstrap's draws and sums are computed.
  const point = useFigures(pilotDidSql(filters, settings, outcome, 0), read);
  const result = useDidEstimate(sql, settings.k, outcome);
  const bootstrapping = result.state === 'pending' && point.state === 'done';
  const shown = bootstrapping ? ({ state: 'pending', stale: point.value } as const) : result;
  const headingId = `did-${outcome}`;
  return (
    <section aria-labelledby={headingId} className="did-section">
      <h3 id={headingId}>{spec.title}</h3>
      <QueryView result={shown} empty={NO_HIRES}>
        {(did) => {
          const { estimate, ci95 } = did.att;
          const events = did.event_study.flatMap((x) =>
            isSuppressed(x)
              ? []
              : [
                  {
                    ...x,
                    lo: x.ci95?.[0] ?? null,
                    hi: x.ci95?.[1] ?? null,
                    error: x.ci95 ? [x.estimate - x.ci95[0], x.ci95[1] - x.estimate] : [0, 0],
                  },
                ],
          );
          const suppressed = did.event_study.filter((x) => isSuppressed(x)).map((x) => x.e);
          return (
            <>
              <div className="card">
                <dl className="figures wide">
                  <Figure
                    label={spec.headline}
                    provenance="measured"
                    value={estimate === null ? '—' : spec.format(estimate)}
                    detail={
                      ci95
                        ? `95% CI ${spec.interval(ci95)} · employer-cluster bootstrap, ${BOOTSTRAP_REPLICATES} replicates`
                        : bootstrapping && estimate !== null
                          ? `95% CI: resampling employers (${BOOTSTRAP_REPLICATES} replicates)…`
                          : 'not estimable with these filters'
                    }
                  />
                  <Figure
                    label="Adopting employers"
                    provenance="measured"
                    value={formatCount(did.treated_employers)}
                    detail={`${did.dropped_cohorts} cohort${did.dropped_cohorts === 1 ? '' : 's'} dropped for lack of a base quarter`}
                  />
                  <Figure
                    label="Never-adopting employers (controls)"
                    provenance="measured"
                    value={formatCount(did.control_employers)}
                    detail="with at least one hire in the filters"
                  />
                </dl>
                <StrengthNote strength="did" />
              </div>
              <ChartCard
                title={spec.eventTitle}
                provenance="measured"
                strength="did"
                description={spec.eventDescription}
                sql={sql}
                rows={did.event_study.map((x) =>
                  isSuppressed(x)
                    ? { e: x.e, estimate: null, lo: null, hi: null, n: null, suppressed: true }
                    : { e: x.e, estimate: x.estimate, lo: x.ci95?.[0] ?? null, hi: x.ci95?.[1] ?? null, n: x.n, suppressed: false },
                )}
                columns={['e', 'estimate', 'lo', 'hi', 'n', 'suppressed']}
                fileStem={spec.fileStem}
                headline={`${spec.headline}: ${estimate === null ? 'not estimable' : spec.format(estimate)}${ci95 ? ` (95% CI ${spec.interval(ci95)})` : ''}; ${formatCount(did.treated_employers)} adopting and ${formatCount(did.control_employers)} never-adopting employers`}
                footnote={
                  suppressed.length > 0
                    ? `Quarters ${suppressed.join(', ')} have fewer than ${settings.k} hires and are suppressed.`
                    : undefined
                }
              >
                <EstimateChart
                  rows={events}
                  xKey="e"
                  yFormat={spec.axis}
                  xLabel="quarters since adoption (e)"
                  color={outcome === 'retained_365' ? PALETTE.neutral : PALETTE.ler}
                  markX={-0.5}
                />
              </ChartCard>
              {after?.(estimate)}
              <article className="card reading" aria-label={`How to read this: ${spec.title.toLowerCase()}`}>
                <h3>How to read this</h3>
                <p>
                  {bootstrapping && estimate !== null
                    ? `The 95% interval is being computed: the employers are resampled ${BOOTSTRAP_REPLICATES} times.`
                    : estimate === null || !ci95
                      ? 'With these filters there are not enough adopting and never-adopting employers with hires before and after adoption to estimate a change.'
                      : `${spec.reading(estimate, ci95)} ${ci95[0] > 0 || ci95[1] < 0 ? 'The interval excludes zero.' : 'The interval includes zero: the data are consistent with no change.'}`}
                </p>
                <p>
                  What it shows: a difference-in-differences comparison (Callaway–Sant&apos;Anna style), each adoption cohort against
                  never-adopting employers, measured from the quarter before its adoption (periods: the {spec.period}); averaged over every
                  quarter after adoption, weighted by hires. {bootstrapping ? null : pretrendReading(did.pretrend)}
                </p>
                <p>
                  What it does not show: why. Adoption was chosen by employers, not assigned; anything else that changed at adopting
                  employers at the same time (a new recruiter, a new applicant system) is part of this estimate. {spec.what}
                </p>
              </article>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

/** The joint pre-trend test in words (DESIGN §4b): does the path before adoption already differ? */
function pretrendReading(test: ChiSquareTest | null): string {
  if (test === null) return 'There are too few quarters before adoption to test whether adopters were already on a different path.';
  const stat = `χ² = ${test.chi2.toFixed(2)} on ${test.df} df, p = ${test.p < 0.001 ? '< 0.001' : test.p.toFixed(3)}`;
  return test.p < 0.05
    ? `The quarters before adoption already differ from zero taken together (joint test, ${stat}): adopters may have been on a different path before they adopted, so read the estimate with care.`
    : `Taken together, the quarters before adoption do not differ from zero (joint test, ${stat}), which supports the comparison; it cannot rule out a difference too small to detect.`;
}
