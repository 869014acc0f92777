import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BusinessCase, Scenario, SensitivityRow } from '../../business-case/calculate';
import { ChartCard } from '../../components/chart-card';
import { formatUsd, formatWholePercent } from '../../components/format';
import { PALETTE } from '../../components/series-charts';
import { SourceTag } from '../../components/source-tag';

const SCENARIO_LABEL: Record<Scenario, string> = { low: 'Low', expected: 'Expected', high: 'High' };
const SCENARIO_ORDER: readonly Scenario[] = ['low', 'expected', 'high'];

type Line = { label: string; value: (c: BusinessCase) => string; strong?: boolean };

export const OUTPUT_LINES: readonly Line[] = [
  { label: 'Vacancy days saved', value: (c) => `${formatUsd(c.value.vacancyDays)} (${c.units.vacancyDaysSaved.toFixed(0)} days)` },
  { label: 'Turnover avoided', value: (c) => `${formatUsd(c.value.turnoverAvoided)} (${c.units.separationsAvoided.toFixed(1)} leavers)` },
  {
    label: 'Promotions filled internally',
    value: (c) => `${formatUsd(c.value.internalPromotions)} (${c.units.promotionsGained.toFixed(1)})`,
  },
  { label: 'Total annual value', value: (c) => formatUsd(c.benefit), strong: true },
  { label: 'Total annual cost', value: (c) => formatUsd(c.cost), strong: true },
  { label: 'Net annual value', value: (c) => formatUsd(c.net), strong: true },
  { label: 'ROI', value: (c) => (c.roiPct === null ? '—' : formatWholePercent(c.roiPct)) },
  { label: 'Benefit-cost ratio', value: (c) => (c.bcr === null ? '—' : c.bcr.toFixed(2)) },
  { label: 'Payback', value: (c) => (c.paybackMonths === null ? 'never' : `${c.paybackMonths.toFixed(1)} months`) },
];

/** Annual value by source, cost, net, ROI, BCR and payback for the low, expected and high scenarios. */
export function ScenarioTable({ cases }: { cases: Record<Scenario, BusinessCase> }) {
  return (
    <div className="card">
      <h3>
        Annual value, cost and payback <SourceTag kind="measured" /> <SourceTag kind="assumed" />
      </h3>
      <div className="table-wrap">
        <table className="report" aria-label="Business case outputs">
          <thead>
            <tr>
              <th scope="col">Per year</th>
              {SCENARIO_ORDER.map((s) => (
                <th key={s} scope="col">
                  {SCENARIO_LABEL[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {OUTPUT_LINES.map((line) => (
              <tr key={line.label} className={line.strong ? 'strong' : undefined}>
                <th scope="row">{line.label}</th>
                {SCENARIO_ORDER.map((s) => (
                  <td key={s}>{line.value(cases[s])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="footnote">
        Low and high take every effect at the unfavourable and favourable end of its 95% interval; inputs stay as entered.
      </p>
    </div>
  );
}

/** The tornado: net value as each input or effect moves alone across its range, widest swing first. */
export function Tornado({ rows, expectedNet }: { rows: readonly SensitivityRow[]; expectedNet: number }) {
  const bars = rows.map((r) => ({ ...r, range: [Math.min(r.netAtLow, r.netAtHigh), Math.max(r.netAtLow, r.netAtHigh)] }));
  return (
    <ChartCard
      title="What moves the answer most"
      provenance="assumed"
      description="Net annual value when one input or effect moves from its low to its high value, the others unchanged."
      sql="-- computed in the browser from the inputs and the measured effects; the effects' SQL is on the other pages"
      rows={rows.map((r) => ({ item: r.label, low: r.low, high: r.high, net_at_low: r.netAtLow, net_at_high: r.netAtHigh }))}
      columns={['item', 'low', 'high', 'net_at_low', 'net_at_high']}
      fileStem="business-case-sensitivity"
      footnote="Inputs move ±20%, or across their published range where one exists; effects across their 95% interval."
    >
      <ResponsiveContainer width="100%" height={40 + bars.length * 34}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => formatUsd(v)} fontSize={11} domain={['auto', 'auto']} />
          <YAxis type="category" dataKey="label" width={240} fontSize={11} interval={0} />
          <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => formatUsd(Number(x))).join(' to ') : formatUsd(Number(v)))} />
          <ReferenceLine x={expectedNet} stroke="#333" />
          <Bar dataKey="range" name="Net value" fill={PALETTE.ler} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
