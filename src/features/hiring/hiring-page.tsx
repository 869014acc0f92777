import { ChartCard } from '../../components/chart-card';
import { Figure } from '../../components/figure';
import { formatCount, formatDays, formatPercent, formatUsd } from '../../components/format';
import { pivot, SeriesBarChart, SeriesLineChart } from '../../components/series-charts';
import type { Filters } from '../../metrics/filters';
import {
  costPerHireSql,
  distributionSql,
  durationHistogramSql,
  noDegreeShareSql,
  timeToFillByOccupationSql,
  timeToFillByQuarterSql,
  type Duration,
} from '../../metrics/hiring';
import { distributions, type Dist, type OrSuppressed } from '../../metrics/results';
import type { MetricSettings } from '../../metrics/settings';
import { GROUP_LABEL, GROUP_SERIES, NO_HIRES, QueryView } from '../query-view';
import { useSql } from '../use-sql';
import { useMetricInputs } from '../use-settings';

const days = (v: number) => `${v.toFixed(0)} d`;
const GROUPS = ['ler', 'non_ler'] as const;

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
  if ('suppressed' in d) return { value: 'suppressed', detail: `n < ${k}` };
  return { value: formatDays(d.median), detail: `median · IQR ${d.p25}–${d.p75} · mean ${d.mean.toFixed(1)} · n = ${formatCount(d.n)}` };
}

function HiringFigures({ filters, settings }: Props) {
  const ttfSql = distributionSql(filters, settings, 'time_to_fill');
  const ttf = useSql(ttfSql);
  const cph = useSql(costPerHireSql(filters, settings));
  const degree = useSql(noDegreeShareSql(filters, settings));
  return (
    <div className="card">
      <QueryView result={ttf} empty={NO_HIRES}>
        {(rows) => {
          const d = distributions(rows, settings.k);
          const diff = d.mean_diff;
          return (
            <dl className="figures wide">
              {GROUPS.map((g) => {
                const text = distText(d[g], settings.k);
                return <Figure key={g} label={`Time-to-fill, ${GROUP_LABEL[g]}`} provenance="measured" {...text} />;
              })}
              <Figure
                label="Difference in mean time-to-fill (LER − other)"
                provenance="measured"
                value={diff.estimate === null ? '—' : `${diff.estimate > 0 ? '+' : ''}${diff.estimate.toFixed(1)} days`}
                detail={
                  diff.ci95
                    ? `95% CI ${diff.ci95[0].toFixed(1)} to ${diff.ci95[1].toFixed(1)} (Welch) · raw comparison, not the adoption effect`
                    : 'needs both groups with at least k hires'
                }
              />
            </dl>
          );
        }}
      </QueryView>
      <QueryView result={cph}>
        {(rows) => (
          <dl className="figures wide">
            {GROUPS.map((g) => {
              const r = rows.find((x) => x.grp === g);
              const n = Number(r?.n ?? 0);
              return (
                <Figure
                  key={g}
                  label={`Cost per hire, ${GROUP_LABEL[g]}`}
                  provenance="measured"
                  value={n >= settings.k ? formatUsd(Number(r?.cost_per_hire)) : n === 0 ? 'no data' : 'suppressed'}
                  detail={
                    n >= settings.k
                      ? `Σ hiring_cost / hires with a cost · n = ${formatCount(n)}`
                      : n === 0
                        ? 'no hiring_cost values'
                        : `n < ${settings.k}`
                  }
                />
              );
            })}
            <QueryView result={degree} inList>
              {(degreeRows) => (
                <>
                  {GROUPS.map((g) => {
                    const r = degreeRows.find((x) => x.grp === g);
                    const n = Number(r?.n ?? 0);
                    return (
                      <Figure
                        key={g}
                        label={`Hires without a degree, ${GROUP_LABEL[g]}`}
                        provenance="measured"
                        value={n >= settings.k ? formatPercent(Number(r?.without_degree) / n) : n === 0 ? 'no data' : 'suppressed'}
                        detail={
                          n >= settings.k
                            ? `of n = ${formatCount(n)} hires with has_degree`
                            : n === 0
                              ? 'has_degree not given'
                              : `n < ${settings.k}`
                        }
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

function DurationChart({ filters, settings, duration }: Props & { duration: Duration }) {
  const sql = durationHistogramSql(filters, settings, duration);
  const result = useSql(sql);
  return (
    <QueryView result={result} empty={NO_HIRES}>
      {(rows) => {
        const totals = Object.fromEntries(GROUPS.map((g) => [g, rows.filter((r) => r.grp === g).reduce((s, r) => s + Number(r.hires), 0)]));
        const visible = rows.filter((r) => (totals[String(r.grp)] ?? 0) >= settings.k);
        const shares = visible.map((r) => ({ ...r, share: Number(r.hires) / (totals[String(r.grp)] ?? 1) }));
        const wide = pivot(shares, 'bin', 'grp', 'share').filter((r) => Number(r.bin) <= 182);
        return (
          <ChartCard
            title={DURATION_TITLE[duration]}
            provenance="measured"
            description={DURATION_TEXT[duration]}
            sql={sql}
            rows={shares}
            columns={['grp', 'bin', 'hires', 'share']}
            fileStem={duration.replaceAll('_', '-')}
            footnote={`Bins are 7 days wide, labelled by their first day; the chart stops at 26 weeks. Groups under ${settings.k} hires are not drawn.`}
          >
            <SeriesBarChart rows={wide} xKey="bin" series={GROUP_SERIES} yFormat={(v) => formatPercent(v)} xLabel="days" />
          </ChartCard>
        );
      }}
    </QueryView>
  );
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
  const result = useSql(sql);
  return (
    <QueryView result={result} empty={NO_HIRES}>
      {(rows) => {
        const wide = pivot(
          rows.filter((r) => Number(r.n) >= settings.k),
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
            rows={rows.map((r) => (Number(r.n) >= settings.k ? r : { ...r, n: null, mean: null, median: null, suppressed: true }))}
            columns={[by, 'group', 'n', 'mean', 'median']}
            fileStem={spec.fileStem}
            footnote={`Cells under ${settings.k} hires are suppressed. ${spec.note}`}
          >
            {by === 'quarter' ? (
              <SeriesLineChart rows={wide} xKey={by} series={GROUP_SERIES} yFormat={days} />
            ) : (
              <SeriesBarChart rows={wide} xKey={by} series={GROUP_SERIES} yFormat={days} vertical />
            )}
          </ChartCard>
        );
      }}
    </QueryView>
  );
}
