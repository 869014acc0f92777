import { ChartCard } from '../../components/chart-card';
import { Figure } from '../../components/figure';
import { StrengthNote } from '../../components/strength-tag';
import { formatCount, formatDays, formatPercent, formatUsd } from '../../components/format';
import { pivot, SeriesBarChart, SeriesLineChart } from '../../components/series-charts';
import { GROUPS, type Filters } from '../../metrics/filters';
import {
  costPerHireSql,
  distributionSql,
  durationHistogramSql,
  noDegreeShareSql,
  readBreakdown,
  readCostPerHire,
  readDistributions,
  readHistogram,
  readNoDegreeShare,
  timeToFillByOccupationSql,
  timeToFillByQuarterSql,
  type BreakdownCell,
  type Dist,
  type Duration,
} from '../../metrics/hiring';
import type { MetricSettings } from '../../metrics/settings';
import { isSuppressed, type OrSuppressed } from '../../metrics/suppression';
import { GROUP_LABEL, GROUP_SERIES, NO_HIRES, QueryView } from '../query-view';
import { useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';
import { suppressedFigure } from '../suppressed-figure';

const days = (v: number) => `${v.toFixed(0)} d`;

/** Hiring: will LERs help me hire faster and cheaper? */
export function HiringPage() {
  const { filters, settings } = useMetricInputs();
  if (!settings) return null;
  return (
    <section aria-labelledby="hiring-title" className="page">
      <div className="section-head">
        <h2 id="hiring-title">Hiring</h2>
        <p className="muted">Will LERs help me find and hire the people I need, faster and cheaper?</p>
      </div>
      <HiringFigures filters={filters} settings={settings} />
      <div className="chart-grid">
        <DurationChart filters={filters} settings={settings} duration="time_to_fill" />
        <DurationChart filters={filters} settings={settings} duration="time_to_hire" />
        <Breakdown filters={filters} settings={settings} by="quarter" />
        <Breakdown filters={filters} settings={settings} by="occupation" />
      </div>
    </section>
  );
}

interface Props {
  filters: Filters;
  settings: MetricSettings;
}

function distText(d: OrSuppressed<Dist>, k: number): { value: string; detail: string } {
  if (isSuppressed(d)) return suppressedFigure(k, 'hires');
  return { value: formatDays(d.median), detail: `median · IQR ${d.p25}–${d.p75} · mean ${d.mean.toFixed(1)} · n = ${formatCount(d.n)}` };
}

function HiringFigures({ filters, settings }: Props) {
  const { k } = settings;
  const ttf = useFigures(distributionSql(filters, settings, 'time_to_fill'), (rows) => readDistributions(rows, k));
  const cph = useFigures(costPerHireSql(filters, settings), (rows) => readCostPerHire(rows, k));
  const degree = useFigures(noDegreeShareSql(filters, settings), (rows) => readNoDegreeShare(rows, k));
  return (
    <div className="card">
      <QueryView result={ttf} empty={NO_HIRES}>
        {(d) => (
          <>
            <dl className="figures wide">
              {GROUPS.map((g) => (
                <Figure key={g} label={`Time-to-fill, ${GROUP_LABEL[g]}`} provenance="measured" {...distText(d[g], k)} />
              ))}
              <Figure
                label="Difference in mean time-to-fill (LER − other)"
                provenance="measured"
                value={
                  d.mean_diff.estimate === null ? '—' : `${d.mean_diff.estimate > 0 ? '+' : ''}${d.mean_diff.estimate.toFixed(1)} days`
                }
                detail={
                  d.mean_diff.ci95
                    ? `95% CI ${d.mean_diff.ci95[0].toFixed(1)} to ${d.mean_diff.ci95[1].toFixed(1)} (Welch) · raw comparison, not the adoption effect`
                    : 'needs both groups with at least k hires'
                }
              />
            </dl>
            <StrengthNote strength="descriptive" />
          </>
        )}
      </QueryView>
      <QueryView result={cph}>
        {(costs) => (
          <dl className="figures wide">
            {GROUPS.map((g) => {
              const c = costs[g];
              return (
                <Figure
                  key={g}
                  label={`Cost per hire, ${GROUP_LABEL[g]}`}
                  provenance="measured"
                  {...(isSuppressed(c)
                    ? suppressedFigure(k, 'hires with a hiring_cost')
                    : { value: formatUsd(c.cost_per_hire), detail: `Σ hiring_cost / hires with a cost · n = ${formatCount(c.n)}` })}
                />
              );
            })}
            <QueryView result={degree} inList>
              {(shares) => (
                <>
                  {GROUPS.map((g) => {
                    const s = shares[g];
                    return (
                      <Figure
                        key={g}
                        label={`Hires without a degree, ${GROUP_LABEL[g]}`}
                        provenance="measured"
                        {...(isSuppressed(s)
                          ? suppressedFigure(k, 'hires with has_degree')
                          : { value: formatPercent(s.share), detail: `of n = ${formatCount(s.n)} hires with has_degree` })}
                      />
                    );
                  })}
                </>
              )}
            </QueryView>
          </dl>
        )}
      </QueryView>
    </div>
  );
}

const DURATION_TITLE: Record<Duration, string> = { time_to_fill: 'Time-to-fill distribution', time_to_hire: 'Time-to-hire distribution' };
const DURATION_TEXT: Record<Duration, string> = {
  time_to_fill: 'Share of each group’s hires by weeks from requisition opened to offer accepted.',
  time_to_hire: 'Share of each group’s hires by weeks from application to offer accepted (hires with applied_on).',
};
/** The distribution charts stop at 26 weeks: the long tail would flatten everything before it. */
const HISTOGRAM_LAST_DAY = 182;

function DurationChart({ filters, settings, duration }: Props & { duration: Duration }) {
  const sql = durationHistogramSql(filters, settings, duration);
  const result = useFigures(sql, (rows) => readHistogram(rows, settings.k));
  return (
    <QueryView result={result} empty={NO_HIRES}>
      {({ bins, hidden, suppressedBins, shown }) => (
        <ChartCard
          title={DURATION_TITLE[duration]}
          provenance="measured"
          description={DURATION_TEXT[duration]}
          sql={sql}
          rows={bins}
          columns={['grp', 'bin', 'hires', 'share']}
          fileStem={duration.replaceAll('_', '-')}
          headline={shown.map(({ grp, n }) => `${GROUP_LABEL[grp]}: n = ${formatCount(n)}`).join(' · ')}
          footnote={`Bins are 7 days wide, labelled by their first day; the chart stops at 26 weeks. ${
            hidden.length > 0 ? `${hidden.map((g) => GROUP_LABEL[g]).join(' and ')}: under ${settings.k} hires, not drawn. ` : ''
          }${suppressedBins > 0 ? `${formatCount(suppressedBins)} ${suppressedBins === 1 ? 'bin' : 'bins'} suppressed (n < ${settings.k}, or withheld so that none can be worked out from the group's total): not drawn, still counted in the shares.` : ''}`}
        >
          <SeriesBarChart
            rows={pivot(bins, 'bin', 'grp', 'share').filter((r) => Number(r.bin) <= HISTOGRAM_LAST_DAY)}
            xKey="bin"
            series={GROUP_SERIES}
            yFormat={(v) => formatPercent(v)}
            xLabel="days"
          />
        </ChartCard>
      )}
    </QueryView>
  );
}

/** Per group, the hires and cells the chart draws (suppressed cells are left out, so their hires are not shown). */
function breakdownHeadline(cells: readonly BreakdownCell[], by: 'quarter' | 'occupation'): string {
  return GROUPS.map((g) => {
    const shown = cells.flatMap((c) => (c.group === g && !isSuppressed(c) ? [c.n] : []));
    return `${GROUP_LABEL[g]}: n = ${formatCount(shown.reduce((a, b) => a + b, 0))} in ${shown.length} ${by === 'quarter' ? 'quarters' : 'occupations'}`;
  }).join(' · ');
}

const BREAKDOWNS = {
  quarter: {
    sqlOf: timeToFillByQuarterSql,
    title: 'Median time-to-fill by quarter',
    description: 'Median days from requisition opened to offer accepted, by the quarter the requisition opened.',
    value: 'median',
    fileStem: 'time-to-fill-by-quarter',
    note: 'The last quarter holds only requisitions filled by the as-of date, so it leans short.',
  },
  occupation: {
    sqlOf: timeToFillByOccupationSql,
    title: 'Mean time-to-fill by occupation',
    description: 'Mean days from requisition opened to offer accepted, by occupation.',
    value: 'mean',
    fileStem: 'time-to-fill-by-occupation',
    note: '',
  },
} as const;

function Breakdown({ filters, settings, by }: Props & { by: keyof typeof BREAKDOWNS }) {
  const spec = BREAKDOWNS[by];
  const sql = spec.sqlOf(filters, settings);
  const result = useFigures(sql, (rows) => readBreakdown(rows, by, settings.k));
  return (
    <QueryView result={result} empty={NO_HIRES}>
      {(cells) => {
        const rows = cells.map(({ key, ...cell }) => ({ [by]: key, ...cell, suppressed: isSuppressed(cell) }));
        const shown = pivot(
          rows.filter((r) => !r.suppressed),
          by,
          'group',
          spec.value,
        );
        return (
          <ChartCard
            title={spec.title}
            provenance="measured"
            description={spec.description}
            sql={sql}
            rows={rows}
            columns={[by, 'group', 'n', 'mean', 'median', 'suppressed']}
            fileStem={spec.fileStem}
            headline={breakdownHeadline(cells, by)}
            footnote={`Cells under ${settings.k} hires are suppressed. ${spec.note}`}
          >
            {by === 'quarter' ? (
              <SeriesLineChart rows={shown} xKey={by} series={GROUP_SERIES} yFormat={days} />
            ) : (
              <SeriesBarChart rows={shown} xKey={by} series={GROUP_SERIES} yFormat={days} vertical />
            )}
          </ChartCard>
        );
      }}
    </QueryView>
  );
}
