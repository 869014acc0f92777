import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_FONT } from './series-charts';

/**
 * A forest plot: one row per label, its estimate with a horizontal 95% interval, a line at zero and a
 * dashed one at the overall estimate.
 */
export function ForestChart({
  rows,
  xFormat,
  xLabel,
  overall,
  color,
}: {
  rows: readonly { label: string; estimate: number; error: [number, number] }[];
  xFormat: (value: number) => string;
  xLabel: string;
  overall: number | null;
  color: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 26 + 56)}>
      <ComposedChart data={[...rows]} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          dataKey="estimate"
          tickFormatter={xFormat}
          fontSize={AXIS_FONT}
          domain={['auto', 'auto']}
          label={{ value: xLabel, position: 'insideBottom', offset: -4, fontSize: AXIS_FONT }}
          height={36}
        />
        <YAxis type="category" dataKey="label" fontSize={AXIS_FONT} width={180} interval={0} />
        <Tooltip formatter={(v) => xFormat(Number(v))} />
        <ReferenceLine x={0} stroke="#444" />
        {overall !== null && (
          <ReferenceLine x={overall} stroke="#999" strokeDasharray="4 4" label={{ value: 'all', fontSize: 11, position: 'top' }} />
        )}
        <Scatter dataKey="estimate" name="Estimate" fill={color} isAnimationActive={false}>
          <ErrorBar dataKey="error" width={6} strokeWidth={1.5} stroke={color} direction="x" />
        </Scatter>
      </ComposedChart>
    </ResponsiveContainer>
  );
}
