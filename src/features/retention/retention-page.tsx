import { useId, useState } from 'react';
import { ChartCard } from '../../components/chart-card';
import { formatCount, formatPercent } from '../../components/format';
import { BandStepChart } from '../../components/series-charts';
import { SourceTag } from '../../components/source-tag';
import { StrengthNote } from '../../components/strength-tag';
import { GROUPS, type Filters } from '../../metrics/filters';
import type { Row } from '../../metrics/read-row';
import {
  atRiskSql,
  estimatedSurvival,
  readLogRank,
  readRetention,
  readRetentionCurve,
  retentionCurveSql,
  retentionLogRankSql,
  retentionSql,
  RETENTION_LANDMARKS,
  type AtRisk,
  type SeparationKind,
  type Survivals,
} from '../../metrics/retention';
import type { MetricSettings } from '../../metrics/settings';
import { isSuppressed } from '../../metrics/suppression';
import { GROUP_LABEL, GROUP_SERIES, NO_HIRES, QueryView } from '../query-view';
import { AdjustedRetentionCard } from './adjusted-card';
import { useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';

const AT_RISK_DAYS = [0, 90, 180, 365, 730, 1095] as const;

/** Retention: will people hired through LERs stay longer? */
export function RetentionPage() {
  const { filters, settings } = useMetricInputs();
  const [kind, setKind] = useState<SeparationKind>('all');
  const name = useId();
  if (!settings) return null;
  return (
    <section aria-labelledby="retention-title" className="page">
      <div className="section-head">
        <h2 id="retention-title">Retention</h2>
        <p className="muted">Will people hired through LERs stay longer?</p>
      </div>
      <AdjustedRetentionCard filters={filters} settings={settings} />
      <fieldset className="toggle">
        <legend>Separations counted</legend>
        {(['all', 'voluntary'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name={name} checked={kind === k} onChange={() => setKind(k)} />
            {k === 'all' ? 'All separations' : 'Voluntary only (others censored at their date)'}
          </label>
        ))}
      </fieldset>
      <RetentionTable filters={filters} settings={settings} kind={kind} />
      <RetentionCurve filters={filters} settings={settings} kind={kind} />
    </section>
  );
}

interface Props {
  filters: Filters;
  settings: MetricSettings;
  kind: SeparationKind;
}

function RetentionTable({ filters, settings, kind }: Props) {
  const { k } = settings;
  const table = useFigures(retentionSql(filters, settings, kind), (rows) => readRetention(rows, k));
  const logrank = useFigures(retentionLogRankSql(filters, settings, kind), (rows) => rows);
  return (
    <div className="card">
      <h3>
        Kaplan-Meier retention by group (descriptive) <SourceTag kind="measured" />
      </h3>
      <StrengthNote strength="descriptive" />
      <QueryView result={table} empty={NO_HIRES}>
        {(survivals) => (
          <>
            <div className="table-wrap">
              <table className="report" aria-label="Retention at 90, 180 and 365 days">
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">n</th>
                    <th scope="col">Separations</th>
                    {RETENTION_LANDMARKS.map((t) => (
                      <th key={t} scope="col">
                        Still employed at {t} days (95% CI)
                      </th>
                    ))}
                    <th scope="col">Median tenure</th>
                  </tr>
                </thead>
                <tbody>
                  {GROUPS.map((g) => {
                    const surv = survivals[g];
                    return isSuppressed(surv) ? (
                      <tr key={g}>
                        <th scope="row">{GROUP_LABEL[g]}</th>
                        <td colSpan={6}>suppressed (n &lt; {k})</td>
                      </tr>
                    ) : (
                      <tr key={g}>
                        <th scope="row">{GROUP_LABEL[g]}</th>
                        <td>{formatCount(surv.n)}</td>
                        <td>{formatCount(surv.events)}</td>
                        {RETENTION_LANDMARKS.map((t) => {
                          const p = surv.km[String(t) as '90' | '180' | '365'];
                          return (
                            <td key={t}>
                              {isSuppressed(p)
                                ? `suppressed (< ${k} at risk)`
                                : p.s === null
                                  ? 'not followed that long'
                                  : `${formatPercent(p.s)} (${p.lo === null || p.hi === null ? 'no interval' : `${formatPercent(p.lo)}–${formatPercent(p.hi)}`})`}
                            </td>
                          );
                        })}
                        <td>{surv.median_tenure_days === null ? 'not reached' : `${surv.median_tenure_days} days`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <QueryView result={logrank}>{(rows) => <LogRankNote survivals={survivals} rows={rows} asOf={settings.asOf} />}</QueryView>
          </>
        )}
      </QueryView>
    </div>
  );
}

function LogRankNote({ survivals, rows, asOf }: { survivals: Survivals; rows: Row[]; asOf: string }) {
  const test = readLogRank(rows, survivals);
  return (
    <p className="footnote">
      {test.chi2 === null || test.p === null
        ? 'Log-rank test: needs both groups shown.'
        : `Log-rank test, LER-verified vs other hires: χ² = ${test.chi2.toFixed(2)} (1 df), p ${test.p < 0.0001 ? '< 0.0001' : `= ${test.p.toFixed(4)}`}.`}{' '}
      Tenure runs from started_on to separated_on, censored at the as-of date ({asOf}); log-scale Greenwood intervals.
    </p>
  );
}

/** The curves' headline for their exports: each group's S(365) with its interval and n. */
function twelveMonthHeadline(survivals: Survivals): string {
  const parts = GROUPS.map((g) => {
    const s = estimatedSurvival(survivals[g], '365');
    const interval = s && s.lo !== null && s.hi !== null ? ` (95% CI ${formatPercent(s.lo)}–${formatPercent(s.hi)})` : '';
    return `${GROUP_LABEL[g]} ${s ? `${formatPercent(s.s)}${interval}, n = ${formatCount(s.n)}` : 'not shown'}`;
  });
  return `Still employed after 12 months: ${parts.join(' · ')}`;
}

const atRiskText = (cell: AtRisk | undefined, k: number) =>
  cell === undefined ? '—' : isSuppressed(cell) ? `< ${k}` : formatCount(cell.at_risk);

function RetentionCurve({ filters, settings, kind }: Props) {
  const curveSql = retentionCurveSql(filters, settings, kind);
  const riskSql = atRiskSql(filters, settings, AT_RISK_DAYS);
  const curve = useFigures(curveSql, (rows) => rows);
  const risk = useFigures(riskSql, (rows) => rows);
  // The same query as the summary table above, so the answer comes from the cache.
  const summary = useFigures(retentionSql(filters, settings, kind), (rows) => readRetention(rows, settings.k));
  return (
    <QueryView result={curve} empty={NO_HIRES}>
      {(curveRows) => (
        <QueryView result={risk}>
          {(riskRows) => {
            const { points, hidden, atRisk } = readRetentionCurve(curveRows, riskRows, settings.k);
            const days = [0, ...points.map((p) => p.day)].sort((a, b) => a - b);
            const byDay = new Map<number, Record<string, unknown>>(days.map((d) => [d, { day: d }]));
            for (const g of GROUPS) if (!hidden.includes(g)) Object.assign(byDay.get(0) ?? {}, { [g]: 1, [`${g}_band`]: [1, 1] });
            for (const p of points) Object.assign(byDay.get(p.day) ?? {}, { [p.grp]: p.s, [`${p.grp}_band`]: [p.lo ?? 0, p.hi ?? p.s] });
            return (
              <ChartCard
                title="Kaplan-Meier retention curves"
                provenance="measured"
                strength="descriptive"
                description={`Share still employed by days since starting, ${kind === 'voluntary' ? 'counting voluntary separations only' : 'counting all separations'}, with 95% bands.`}
                sql={[curveSql, riskSql]}
                rows={points}
                columns={['grp', 'day', 'at_risk', 'events', 's', 'lo', 'hi']}
                fileStem={`retention-curve-${kind}`}
                headline={summary.state === 'done' ? twelveMonthHeadline(summary.value.value) : undefined}
                footnote={
                  <div className="table-wrap">
                    <table className="report at-risk" aria-label="Numbers at risk">
                      <caption>Numbers at risk</caption>
                      <thead>
                        <tr>
                          <th scope="col">Day</th>
                          {AT_RISK_DAYS.map((d) => (
                            <th key={d} scope="col">
                              {d}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {GROUPS.map((g) => (
                          <tr key={g}>
                            <th scope="row">{GROUP_LABEL[g]}</th>
                            {AT_RISK_DAYS.map((d) => (
                              <td key={d}>
                                {atRiskText(
                                  atRisk[g].find((a) => a.day === d),
                                  settings.k,
                                )}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                }
              >
                <BandStepChart
                  rows={[...byDay.values()]}
                  xKey="day"
                  series={GROUP_SERIES}
                  yFormat={(v) => formatPercent(v)}
                  xLabel="days since starting"
                  height={320}
                />
              </ChartCard>
            );
          }}
        </QueryView>
      )}
    </QueryView>
  );
}
