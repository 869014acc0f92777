import { useId, useState } from 'react';
import { ChartCard } from '../../components/chart-card';
import { formatCount, formatPercent } from '../../components/format';
import { BandStepChart } from '../../components/series-charts';
import { SourceTag } from '../../components/source-tag';
import type { Filters } from '../../metrics/filters';
import { logRankTest, survival } from '../../metrics/results';
import {
  atRiskSql,
  retentionCurveSql,
  retentionLogRankSql,
  retentionSql,
  RETENTION_LANDMARKS,
  type SeparationKind,
} from '../../metrics/retention';
import type { MetricSettings } from '../../metrics/settings';
import { GROUP_LABEL, GROUP_SERIES, NO_HIRES, QueryView } from '../query-view';
import { useSql } from '../use-sql';
import { useMetricInputs } from '../use-settings';

const GROUPS = ['ler', 'non_ler'] as const;
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
  const table = useSql(retentionSql(filters, settings, kind));
  const logrank = useSql(retentionLogRankSql(filters, settings, kind));
  return (
    <div className="card">
      <h3>
        Kaplan-Meier retention <SourceTag kind="measured" />
      </h3>
      <QueryView result={table} empty={NO_HIRES}>
        {(rows) => {
          const groups = GROUPS.map((g) => ({
            g,
            surv: survival(
              rows.find((r) => r.grp === g),
              settings.k,
            ),
          }));
          const bothShown = groups.every((x) => !('suppressed' in x.surv));
          return (
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
                    {groups.map(({ g, surv }) =>
                      'suppressed' in surv ? (
                        <tr key={g}>
                          <th scope="row">{GROUP_LABEL[g]}</th>
                          <td colSpan={6}>suppressed (n &lt; {settings.k})</td>
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
                                {p.s === null
                                  ? 'not followed that long'
                                  : `${formatPercent(p.s)} (${p.lo === null || p.hi === null ? 'no interval' : `${formatPercent(p.lo)}–${formatPercent(p.hi)}`})`}
                              </td>
                            );
                          })}
                          <td>{surv.median_tenure_days === null ? 'not reached' : `${surv.median_tenure_days} days`}</td>
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
              </div>
              <QueryView result={logrank}>
                {([row]) => {
                  const test = bothShown ? logRankTest(row) : { chi2: null, p: null };
                  return (
                    <p className="footnote">
                      {test.chi2 === null || test.p === null
                        ? 'Log-rank test: needs both groups shown.'
                        : `Log-rank test, LER-verified vs other hires: χ² = ${test.chi2.toFixed(2)} (1 df), p ${test.p < 0.0001 ? '< 0.0001' : `= ${test.p.toFixed(4)}`}.`}{' '}
                      Tenure runs from started_on to separated_on, censored at the as-of date ({settings.asOf}); log-scale Greenwood
                      intervals.
                    </p>
                  );
                }}
              </QueryView>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function RetentionCurve({ filters, settings, kind }: Props) {
  const curveSql = retentionCurveSql(filters, settings, kind);
  const riskSql = atRiskSql(filters, settings, AT_RISK_DAYS);
  const curve = useSql(curveSql);
  const risk = useSql(riskSql);
  return (
    <QueryView result={curve} empty={NO_HIRES}>
      {(rows) => (
        <QueryView result={risk}>
          {(riskRows) => {
            const totals = Object.fromEntries(
              GROUPS.map((g) => [g, Number(riskRows.find((r) => r.grp === g && r.day === 0)?.at_risk ?? 0)]),
            );
            const shown = rows.filter((r) => (totals[String(r.grp)] ?? 0) >= settings.k);
            const points = [0, ...shown.map((r) => Number(r.day))].sort((a, b) => a - b);
            const byDay = new Map<number, Record<string, unknown>>(points.map((d) => [d, { day: d }]));
            for (const g of GROUPS)
              if ((totals[g] ?? 0) >= settings.k) Object.assign(byDay.get(0) ?? {}, { [g]: 1, [`${g}_band`]: [1, 1] });
            for (const r of shown)
              Object.assign(byDay.get(Number(r.day)) ?? {}, { [String(r.grp)]: r.s, [`${String(r.grp)}_band`]: [r.lo ?? 0, r.hi ?? r.s] });
            const atRisk = (g: string, d: number) => {
              const n = Number(riskRows.find((r) => r.grp === g && r.day === d)?.at_risk ?? 0);
              return n === 0 ? '0' : n < settings.k ? `< ${settings.k}` : formatCount(n);
            };
            return (
              <ChartCard
                title="Kaplan-Meier retention curves"
                provenance="measured"
                description={`Share still employed by days since starting, ${kind === 'voluntary' ? 'counting voluntary separations only' : 'counting all separations'}, with 95% bands.`}
                sql={[curveSql, riskSql]}
                rows={shown}
                columns={['grp', 'day', 'at_risk', 'events', 's', 'lo', 'hi']}
                fileStem={`retention-curve-${kind}`}
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
                              <td key={d}>{atRisk(g, d)}</td>
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
