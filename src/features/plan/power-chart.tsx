import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_FONT, PALETTE } from '../../components/series-charts';

export interface PowerCurve {
  key: string;
  label: string;
  /** Power (0–1) at a true effect in the outcome's shown unit. */
  at: (effect: number) => number;
  /** Its MDE, marked on the curve. */
  mde: number;
  /** How it is drawn: the planned design, the data's own, or the planned design's simulation. */
  style: 'planned' | 'own' | 'simulated';
}

const POINTS = 60;
const STYLES = {
  planned: { color: PALETTE.ler, dash: undefined, dot: false },
  own: { color: PALETTE.non_ler, dash: '6 3', dot: false },
  simulated: { color: PALETTE.neutral, dash: '2 2', dot: true },
} as const;

/** The curves' points: effect sizes from 0 to 2.5 times the largest MDE, each curve's power (%) at each. */
export function powerRows(curves: readonly PowerCurve[]): Record<string, number>[] {
  const top = 2.5 * Math.max(...curves.map((c) => c.mde));
  return Array.from({ length: POINTS + 1 }, (_, i) => {
    const effect = (top * i) / POINTS;
    return Object.fromEntries([['effect', effect], ...curves.map((c) => [c.key, 100 * c.at(effect)])]);
  });
}

/** Power against effect size for each design, with 80% marked and each design's MDE where its curve crosses it. */
export function PowerChart({
  rows,
  curves,
  unit,
}: {
  rows: readonly Record<string, number>[];
  curves: readonly PowerCurve[];
  unit: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={[...rows]} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="effect"
          type="number"
          domain={[0, 'dataMax']}
          tickFormatter={(v: number) => v.toFixed(1)}
          fontSize={AXIS_FONT}
          label={{ value: `true effect (${unit})`, position: 'insideBottom', offset: -4, fontSize: AXIS_FONT }}
          height={36}
        />
        <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={AXIS_FONT} width={48} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(0)}%`} labelFormatter={(v) => `effect ${Number(v).toFixed(2)} ${unit}`} />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
        <ReferenceLine
          y={80}
          stroke="#444"
          strokeDasharray="4 4"
          label={{ value: '80% power', fontSize: 11, position: 'insideBottomRight' }}
        />
        {curves.map((c) => (
          <ReferenceLine key={`${c.key}-mde`} x={c.mde} stroke={STYLES[c.style].color} strokeDasharray="2 3" />
        ))}
        {curves.map((c) => (
          <Line
            key={c.key}
            dataKey={c.key}
            name={c.label}
            stroke={STYLES[c.style].color}
            strokeWidth={2}
            strokeDasharray={STYLES[c.style].dash}
            dot={STYLES[c.style].dot ? { r: 2 } : false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
