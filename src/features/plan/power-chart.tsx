import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_FONT, PALETTE } from '../../components/series-charts';

export interface PowerCurve {
  key: string;
  label: string;
  /** The variance of the DiD estimate for this design, in the outcome's shown unit squared. */
  variance: number;
  /** Its MDE, marked on the curve. */
  mde: number;
  dashed?: boolean;
}

const POINTS = 60;
const COLORS = [PALETTE.ler, PALETTE.non_ler] as const;

/** The curves' points: effect sizes from 0 to 2.5 times the largest MDE, each design's power at each. */
export function powerRows(curves: readonly PowerCurve[], power: (effect: number, variance: number) => number): Record<string, number>[] {
  const top = 2.5 * Math.max(...curves.map((c) => c.mde));
  return Array.from({ length: POINTS + 1 }, (_, i) => {
    const effect = (top * i) / POINTS;
    return Object.fromEntries([['effect', effect], ...curves.map((c) => [c.key, 100 * power(effect, c.variance)])]);
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
        {curves.map((c, i) => (
          <ReferenceLine key={`${c.key}-mde`} x={c.mde} stroke={COLORS[i % COLORS.length]} strokeDasharray="2 3" />
        ))}
        {curves.map((c, i) => (
          <Line
            key={c.key}
            dataKey={c.key}
            name={c.label}
            stroke={COLORS[i % COLORS.length]}
            strokeWidth={2}
            strokeDasharray={c.dashed ? '6 3' : undefined}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
