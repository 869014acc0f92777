import { ChartCard } from '../../components/chart-card';
import { Figure } from '../../components/figure';
import { StrengthNote } from '../../components/strength-tag';
import { formatCount, formatSigned } from '../../components/format';
import { EstimateChart, PALETTE } from '../../components/series-charts';
import { BOOTSTRAP_REPLICATES, pilotDidSql, readPilotDid } from '../../metrics/did';
import type { ChiSquareTest } from '../../stats/wald';
import { isSuppressed } from '../../metrics/suppression';
import { useState } from 'react';
import { NO_HIRES, QueryFailure, QueryView } from '../query-view';
import { useResults } from '../use-results';
import { PilotBrief } from './pilot-brief';
import { SubgroupsOnRequest } from './subgroups';
import { useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';

/** Pilot outcomes: the staggered-adoption difference-in-differences on time-to-fill. */
export function PilotPage() {
  const { filters, settings } = useMetricInputs();
  const sql = settings ? pilotDidSql(filters, settings) : null;
  const k = settings?.k ?? 1;
  const result = useFigures(sql, (rows) => readPilotDid(rows, k));
  if (!settings || !sql) return null;
  return (
    <section aria-labelledby="pilot-title" className="page">
      <div className="section-head">
        <h2 id="pilot-title">Pilot outcomes</h2>
        <p className="muted">Did time-to-fill change when employers adopted LERs, compared with employers that did not?</p>
      </div>
      <QueryView result={result} empty={NO_HIRES}>
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
          const pretrend = did.pretrend;
          return (
            <>
              <div className="card">
                <dl className="figures wide">
                  <Figure
                    label="Change in time-to-fill after adoption (overall ATT)"
                    provenance="measured"
                    value={estimate === null ? '—' : `${formatSigned(estimate)} days`}
                    detail={
                      ci95
                        ? `95% CI ${formatSigned(ci95[0])} to ${formatSigned(ci95[1])} · employer-cluster bootstrap, ${BOOTSTRAP_REPLICATES} replicates`
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
                title="Event study: time-to-fill by quarters since adoption"
                provenance="measured"
                strength="did"
                description="Change in mean time-to-fill relative to the quarter before adoption (e = −1), against never-adopting employers, with 95% bootstrap intervals."
                sql={sql}
                rows={did.event_study.map((x) =>
                  isSuppressed(x)
                    ? { e: x.e, estimate: null, lo: null, hi: null, n: null, suppressed: true }
                    : { e: x.e, estimate: x.estimate, lo: x.ci95?.[0] ?? null, hi: x.ci95?.[1] ?? null, n: x.n, suppressed: false },
                )}
                columns={['e', 'estimate', 'lo', 'hi', 'n', 'suppressed']}
                fileStem="pilot-event-study"
                footnote={
                  suppressed.length > 0
                    ? `Quarters ${suppressed.join(', ')} have fewer than ${settings.k} hires and are suppressed.`
                    : undefined
                }
              >
                <EstimateChart
                  rows={events}
                  xKey="e"
                  yFormat={(v) => `${v.toFixed(0)} d`}
                  xLabel="quarters since adoption (e)"
                  color={PALETTE.ler}
                  markX={-0.5}
                />
              </ChartCard>
              <SubgroupsOnRequest filters={filters} settings={settings} overall={estimate} />
              <article className="card reading" aria-label="How to read this">
                <h3>How to read this</h3>
                <p>
                  {estimate === null || !ci95
                    ? 'With these filters there are not enough adopting and never-adopting employers with hires before and after adoption to estimate a change.'
                    : `After adopting LERs, employers filled requisitions ${Math.abs(estimate).toFixed(1)} days ${estimate < 0 ? 'faster' : 'slower'} on average than the never-adopting employers' trend would predict (95% CI ${formatSigned(ci95[0])} to ${formatSigned(ci95[1])} days). ${ci95[0] > 0 || ci95[1] < 0 ? 'The interval excludes zero.' : 'The interval includes zero: the data are consistent with no change.'}`}
                </p>
                <p>
                  What it shows: a difference-in-differences comparison (Callaway–Sant&apos;Anna style), each adoption cohort against
                  never-adopting employers, measured from the quarter before its adoption; averaged over every quarter after adoption,
                  weighted by hires. {pretrendReading(pretrend)}
                </p>
                <p>
                  What it does not show: why. Adoption was chosen by employers, not assigned; anything else that changed at adopting
                  employers at the same time (a new recruiter, a new applicant system) is part of this estimate. It concerns all hires at
                  adopting employers, not only LER-verified ones, and it does not measure quality of hire.
                </p>
              </article>
            </>
          );
        }}
      </QueryView>
      <BriefOnRequest />
    </section>
  );
}

/** The one-page pilot brief, made when asked for: it needs every metric, which the page alone does not. */
function BriefOnRequest() {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div className="brief-actions">
        <button type="button" onClick={() => setOpen(true)}>
          Make the one-page pilot brief
        </button>
      </div>
    );
  return <BriefWithResults />;
}

function BriefWithResults() {
  const results = useResults();
  const shown = results.state === 'done' ? results.value : results.state === 'pending' ? results.stale : undefined;
  if (results.state === 'failed') return <QueryFailure error={results.error} />;
  if (!shown)
    return (
      <p role="status" className="muted">
        <span className="spinner" aria-hidden="true" /> Computing the brief…
      </p>
    );
  return <PilotBrief results={shown} />;
}

/** The joint pre-trend test in words (DESIGN §4b): does the path before adoption already differ? */
function pretrendReading(test: ChiSquareTest | null): string {
  if (test === null) return 'There are too few quarters before adoption to test whether adopters were already on a different path.';
  const stat = `χ² = ${test.chi2.toFixed(2)} on ${test.df} df, p = ${test.p < 0.001 ? '< 0.001' : test.p.toFixed(3)}`;
  return test.p < 0.05
    ? `The quarters before adoption already differ from zero taken together (joint test, ${stat}): adopters may have been on a different path before they adopted, so read the estimate with care.`
    : `Taken together, the quarters before adoption do not differ from zero (joint test, ${stat}), which supports the comparison; it cannot rule out a difference too small to detect.`;
}
