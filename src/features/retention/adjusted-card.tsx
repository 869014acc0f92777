import { Figure } from '../../components/figure';
import { formatCount, formatSigned } from '../../components/format';
import { SourceTag } from '../../components/source-tag';
import { StrengthNote } from '../../components/strength-tag';
import type { Filters } from '../../metrics/filters';
import { readRetentionAdjusted, retentionAdjustedSql } from '../../metrics/retention-adjusted';
import type { MetricSettings } from '../../metrics/settings';
import { isSuppressed } from '../../metrics/suppression';
import { NO_HIRES, QueryView } from '../query-view';
import { useFigures } from '../use-sql';

const points = (x: number) => `${formatSigned(x * 100)} points`;

/**
 * retention_adjusted (DESIGN §4b): LER and other hires of the same employer, occupation and start year,
 * each followed a whole year, compared on the share still employed after 365 days.
 */
export function AdjustedRetentionCard({ filters, settings }: { filters: Filters; settings: MetricSettings }) {
  const result = useFigures(retentionAdjustedSql(filters, settings), (rows) => readRetentionAdjusted(rows, settings.k));
  return (
    <div className="card">
      <h3>
        Within-employer comparison: LER − other hires, first-year retention <SourceTag kind="measured" />
      </h3>
      <StrengthNote strength="within_employer" />
      <QueryView result={result} empty={NO_HIRES}>
        {(adjusted) => {
          if (isSuppressed(adjusted))
            return (
              <p className="muted">
                Suppressed: fewer than {settings.k} LER or other hires in employer, occupation and start-year groups that have both.
              </p>
            );
          const { estimate, ci95, logrank } = adjusted;
          return (
            <>
              <dl className="figures wide">
                <Figure
                  label="Difference in the share still employed after 365 days"
                  provenance="measured"
                  value={estimate === null ? '—' : points(estimate)}
                  detail={
                    ci95 ? `95% CI ${points(ci95[0])} to ${points(ci95[1])} · plain-scale Greenwood` : 'no group has both kinds of hire'
                  }
                />
                <Figure
                  label="Groups compared"
                  provenance="measured"
                  value={formatCount(adjusted.strata)}
                  detail={`employer × occupation × start year with both kinds of hire; ${adjusted.dropped_strata} dropped (a year not observable)`}
                />
                <Figure
                  label="Hires in them"
                  provenance="measured"
                  value={formatCount(adjusted.ler_hires + adjusted.non_ler_hires)}
                  detail={`${formatCount(adjusted.ler_hires)} LER-verified (the weights), ${formatCount(adjusted.non_ler_hires)} other`}
                />
              </dl>
              <p className="footnote">
                {logrank.chi2 === null || logrank.p === null
                  ? 'Stratified log-rank test: not computable.'
                  : `Stratified log-rank test over the first year: χ² = ${logrank.chi2.toFixed(2)} (1 df), p ${logrank.p < 0.0001 ? '< 0.0001' : `= ${logrank.p.toFixed(4)}`}.`}{' '}
                Only hires who started at least 365 days before the as-of date ({settings.asOf}) enter, so that nobody who has not had a
                year yet counts as staying; all separations count, whichever the toggle below shows. Each group&apos;s difference is
                weighted by its LER hires.
              </p>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
