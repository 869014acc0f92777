import { useCallback, useState } from 'react';
import { ChartCard } from '../../components/chart-card';
import { ForestChart } from '../../components/forest-chart';
import { formatSigned } from '../../components/format';
import { PALETTE } from '../../components/series-charts';
import {
  readSubgroups,
  readSubgroupValues,
  SUBGROUP_DIMENSIONS,
  SUBGROUP_MIN_EMPLOYERS,
  subgroupDidSql,
  subgroupValuesSql,
  type SubgroupDimension,
} from '../../metrics/did-subgroups';
import type { Filters } from '../../metrics/filters';
import type { Row } from '../../metrics/read-row';
import type { MetricSettings } from '../../metrics/settings';
import { QueryFailure, QueryView } from '../query-view';
import { useFigures } from '../use-sql';

const DIMENSION_LABELS: Record<SubgroupDimension, string> = { industry: 'industry', size_band: 'size band', region: 'region' };

/**
 * The subgroup ATTs, computed when asked for: each is a DiD with its own bootstrap (one per industry,
 * size band and region), seconds of work that a filter change on this page should not wait for.
 */
export function SubgroupsOnRequest(props: { filters: Filters; settings: MetricSettings; overall: number | null }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div className="brief-actions">
        <button type="button" onClick={() => setOpen(true)}>
          Break the change down by industry, size band and region
        </button>
      </div>
    );
  return <SubgroupForest {...props} />;
}

/** The overall ATT recomputed within each industry, size band and region, as a forest plot (DESIGN §4b). */
function SubgroupForest({ filters, settings, overall }: { filters: Filters; settings: MetricSettings; overall: number | null }) {
  const valuesSql = subgroupValuesSql(filters, settings);
  const values = useFigures(valuesSql, readSubgroupValues);
  const known = values.state === 'done' ? values.value.value : null;
  const sql = known ? subgroupDidSql(filters, settings, known) : null;
  const read = useCallback((rows: Row[]) => (known ? readSubgroups(rows, known) : null), [known]);
  const result = useFigures(sql, read);
  if (values.state === 'failed') return <QueryFailure error={values.error} />;
  if (known && sql === null) return null;
  return (
    <QueryView result={result}>
      {(subgroups) => {
        if (!subgroups) return null;
        const all = SUBGROUP_DIMENSIONS.flatMap((dim) => subgroups[dim].map((g) => ({ dim, ...g })));
        const shown = all.flatMap((g) =>
          g.suppressed || g.estimate === null || !g.ci95
            ? []
            : [
                {
                  label: `${g.value} (${DIMENSION_LABELS[g.dim]}, ${g.treated_employers} vs ${g.control_employers})`,
                  estimate: g.estimate,
                  error: [g.estimate - g.ci95[0], g.ci95[1] - g.estimate] as [number, number],
                },
              ],
        );
        const hidden = all.filter((g) => g.suppressed || g.estimate === null || !g.ci95);
        return (
          <ChartCard
            title="Subgroups: the change in time-to-fill within each industry, size band and region"
            provenance="measured"
            strength="did"
            description="The overall ATT recomputed with only the adopting and never-adopting employers of each value, with its 95% bootstrap interval; in brackets, adopting vs never-adopting employers. The dashed line is the overall ATT."
            sql={sql ?? valuesSql}
            rows={all.map((g) =>
              g.suppressed
                ? {
                    dimension: g.dim,
                    value: g.value,
                    estimate: null,
                    lo: null,
                    hi: null,
                    treated_employers: null,
                    control_employers: null,
                    suppressed: true,
                  }
                : {
                    dimension: g.dim,
                    value: g.value,
                    estimate: g.estimate,
                    lo: g.ci95?.[0] ?? null,
                    hi: g.ci95?.[1] ?? null,
                    treated_employers: g.treated_employers,
                    control_employers: g.control_employers,
                    suppressed: false,
                  },
            )}
            columns={['dimension', 'value', 'estimate', 'lo', 'hi', 'treated_employers', 'control_employers', 'suppressed']}
            fileStem="pilot-subgroups"
            headline={`Overall change in time-to-fill: ${overall === null ? 'not estimable' : `${formatSigned(overall)} days`}; ${shown.length} of ${all.length} subgroups with an estimate shown`}
            footnote={`${hidden.length > 0 ? `Not shown: ${hidden.map((g) => g.value).join(', ')} (fewer than ${SUBGROUP_MIN_EMPLOYERS} adopting or ${SUBGROUP_MIN_EMPLOYERS} never-adopting employers, or no estimate). ` : ''}Subgroups are many comparisons: expect about one in twenty intervals to miss the true value by chance; with few employers an interval is rough (it may not even hold its estimate).`}
          >
            {shown.length > 0 ? (
              <ForestChart
                rows={shown}
                xFormat={(v) => `${formatSigned(v)} d`}
                xLabel="change in time-to-fill, days"
                overall={overall}
                color={PALETTE.ler}
              />
            ) : (
              <p className="muted">No subgroup has enough adopting and never-adopting employers for an estimate.</p>
            )}
          </ChartCard>
        );
      }}
    </QueryView>
  );
}
