import { useRef } from 'react';
import { describeFilters } from '../../metrics/filters';
import { BriefLabel } from '../../components/synthetic-mark';
import { estimatedSurvival } from '../../metrics/retention';
import { BriefActions } from '../../components/brief-actions';
import { formatCount, formatDays, formatInterval, formatPercent, formatSigned, formatWholePercent } from '../../components/format';
import { EstimateChart, PALETTE } from '../../components/series-charts';
import { BOOTSTRAP_REPLICATES } from '../../metrics/did';
import type { ResultsFile } from '../../metrics/results';
import { isSuppressed } from '../../metrics/suppression';

const interval = (ci: [number, number] | null, format: (v: number) => string) =>
  ci ? `95% CI ${format(ci[0])} to ${format(ci[1])}` : 'no interval';

/** Where the figures come from, in a phrase: pooled contributions, the rows loaded here, or both. */
function sourcePhrase({ sources, counts }: ResultsFile): string {
  const pooled = sources.contributions;
  const employers = pooled.reduce((n, c) => n + c.employers, 0) + (sources.rows?.employers ?? 0);
  const files = `${pooled.length} contribution file${pooled.length === 1 ? '' : 's'}`;
  if (pooled.length === 0) return `${formatCount(counts.employers)} employers' data loaded in this tab`;
  return `pooled from ${files}${sources.rows ? ' and data loaded in this tab' : ''}, ${formatCount(employers)} employers`;
}

/**
 * The one-page "pilot results" brief for a program leader (Letter and A4, or a PNG): who is in the pilot,
 * the time-to-fill effect of adoption with its interval and event study, retention, upskilling ROI, and
 * how the figures were made and protected — each with its n and source.
 */
export function PilotBrief({ results }: { results: ResultsFile }) {
  const node = useRef<HTMLElement>(null);
  const did = results.pilot_did;
  const { estimate, ci95 } = did.att;
  const events = did.event_study.flatMap((x) =>
    isSuppressed(x) ? [] : [{ ...x, error: x.ci95 ? [x.estimate - x.ci95[0], x.ci95[1] - x.estimate] : [0, 0] }],
  );
  const [ler, other] = [estimatedSurvival(results.retention.ler, '365'), estimatedSurvival(results.retention.non_ler, '365')];
  const retentionDid = results.pilot_did_retention;
  const adjusted = isSuppressed(results.retention_adjusted) ? null : results.retention_adjusted;
  const points = (x: number) => formatSigned(x * 100);
  const ttf = (g: 'ler' | 'non_ler') => (isSuppressed(results.time_to_fill[g]) ? null : results.time_to_fill[g]);
  const upskilling = isSuppressed(results.upskilling) ? null : results.upskilling;
  const withheld = results.sources.contributions.reduce((n, c) => n + c.withheld_persons, 0);
  const filters = describeFilters(results.filters);
  return (
    <>
      <BriefActions node={node} what="the pilot brief" fileName="ler-pilot-results.png" />
      <article ref={node} className="brief" aria-label="Pilot results brief">
        <header>
          <h2>LER pilot results</h2>
          <p className="brief-meta">
            <BriefLabel data={results.data} label="LER Outcomes pilot brief" /> · {sourcePhrase(results)} · data as of {results.as_of} ·{' '}
            {formatCount(results.counts.hires)} hires, {formatCount(results.counts.enrollments)} training enrollments
            {filters && ` · filters: ${filters}`}
          </p>
        </header>
        <p className="brief-headline">
          {estimate !== null && ci95
            ? `After adopting LERs, employers filled requisitions ${Math.abs(estimate).toFixed(1)} days ${estimate < 0 ? 'faster' : 'slower'} than never-adopting employers' trend predicts (${interval(ci95, formatSigned)} days; ${formatCount(did.treated_employers)} adopting and ${formatCount(did.control_employers)} never-adopting employers).`
            : 'The pilot has too few adopting or never-adopting employers with hires before and after adoption to estimate an effect on time-to-fill.'}
          {did.pretrend
            ? ` Before adoption, the quarters ${did.pretrend.p < 0.05 ? 'already differ' : 'do not differ'} from zero taken together (joint test χ² = ${did.pretrend.chi2.toFixed(2)}, ${did.pretrend.df} df, p = ${did.pretrend.p < 0.001 ? '< 0.001' : did.pretrend.p.toFixed(3)}).`
            : ''}
        </p>
        <figure className="brief-chart" aria-label="Event study: change in time-to-fill by quarters since adoption">
          <EstimateChart
            rows={events}
            xKey="e"
            yFormat={(v) => `${v.toFixed(0)} d`}
            xLabel="quarters since adoption"
            color={PALETTE.ler}
            markX={-0.5}
            height={170}
            width={640}
          />
        </figure>
        <div className="brief-questions">
          <section>
            <h3>Hiring</h3>
            <p>
              Median time-to-fill:{' '}
              {ttf('ler')
                ? `${formatDays(ttf('ler')?.median ?? 0)} for LER-verified hires (n = ${formatCount(ttf('ler')?.n ?? 0)})`
                : 'LER-verified hires suppressed'}
              ,{' '}
              {ttf('non_ler')
                ? `${formatDays(ttf('non_ler')?.median ?? 0)} for others (n = ${formatCount(ttf('non_ler')?.n ?? 0)})`
                : 'others suppressed'}
              . A raw comparison (descriptive): the effect of adoption is the estimate above.
            </p>
          </section>
          <section>
            <h3>Retention</h3>
            <p>
              {retentionDid.att.estimate !== null && retentionDid.att.ci95
                ? `Adoption changed the share of hires staying a full year by ${points(retentionDid.att.estimate)} points (${interval(retentionDid.att.ci95, points)}; difference-in-differences, ${formatCount(retentionDid.treated_employers)} adopting and ${formatCount(retentionDid.control_employers)} never-adopting employers). `
                : 'Too few employers with a full year of follow-up before and after adoption for a difference-in-differences on retention. '}
              {adjusted && adjusted.estimate !== null && adjusted.ci95
                ? `Within the same employer, occupation and start year, LER-verified hires stayed a full year ${points(adjusted.estimate)} points more often than others (${interval(adjusted.ci95, points)}; ${formatCount(adjusted.strata)} groups, ${formatCount(adjusted.ler_hires + adjusted.non_ler_hires)} hires). `
                : ''}
              Still employed after 12 months:{' '}
              {ler && other
                ? `${formatPercent(ler.s)} of LER-verified hires (n = ${formatCount(ler.n)}) vs ${formatPercent(other.s)} of others (n = ${formatCount(other.n)}); Kaplan-Meier, descriptive.`
                : 'not estimable for both groups.'}
              {results.retention.logrank.p !== null
                ? ` Log-rank p ${results.retention.logrank.p < 0.0001 ? '< 0.0001' : `= ${results.retention.logrank.p.toFixed(4)}`}.`
                : ''}
            </p>
          </section>
          <section>
            <h3>Upskilling</h3>
            <p>
              {upskilling && upskilling.roi_pct !== null
                ? `First-year ROI of training ${formatWholePercent(upskilling.roi_pct)}${upskilling.roi_pct_ci95 ? ` (${formatInterval(upskilling.roi_pct_ci95, formatWholePercent)})` : ''}, benefit-cost ratio ${upskilling.bcr?.toFixed(2) ?? '—'}, ${formatCount(upskilling.enrollments)} enrollments and ${formatCount(upskilling.trainees)} trainees (Phillips method, measured).`
                : 'Training ROI is not computable from these data (or suppressed).'}
            </p>
          </section>
          <section>
            <h3>Privacy</h3>
            <p>
              Groups of fewer than {results.suppression_k} people are suppressed.
              {results.sources.contributions.length > 0
                ? ` Contributors shared exact counts only, no person-level rows; their disclosure rule withheld ${formatCount(withheld)} persons in all, and each file certifies how far that moved the headline figures.`
                : ''}
            </p>
          </section>
        </div>
        <section className="brief-sources">
          <h3>Method and sources</h3>
          <p>
            Time-to-fill effect: staggered difference-in-differences (Callaway–Sant’Anna style), each adoption cohort against never-adopting
            employers from the quarter before its adoption, weighted by hires; 95% intervals from an employer-cluster bootstrap (
            {BOOTSTRAP_REPLICATES} replicates). Adoption was chosen by employers, not assigned: other changes at adopting employers are part
            of the estimate. Retention effect: the same design on the share of hires still employed after 365 days, by start quarter,
            quarters followed a whole year only; within-employer comparison weighted by LER hires, plain-scale Greenwood intervals.
            Retention by group: Kaplan-Meier with log-scale Greenwood intervals, censored at the as-of date. Figures computed with LER
            Outcomes from the data named above;{' '}
            {results.sources.contributions.length > 0 ? 'pooled figures assume no person appears in two contribution files.' : ''}
          </p>
        </section>
      </article>
    </>
  );
}
