import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface GroupBar {
  label: string;
  value: number;
  color: string;
}

interface Props {
  bars: readonly GroupBar[];
  unit: string;
  /** Describes the chart for screen readers; the figures are also printed beside it. */
  description: string;
  format: (value: number) => string;
  domainMax?: number;
}

/** A small horizontal bar chart comparing groups; knows nothing about where its numbers come from. */
export function GroupBars({ bars, unit, description, format, domainMax }: Props) {
  return (
    <figure className="chart" aria-label={description}>
      <ResponsiveContainer width="100%" height={32 + bars.length * 36}>
        <BarChart data={[...bars]} layout="vertical" margin={{ top: 4, right: 56, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, domainMax ?? 'auto']} tickFormatter={(v: number) => format(v)} fontSize={11} />
          <YAxis type="category" dataKey="label" width={72} fontSize={12} />
          <Tooltip formatter={(v) => [format(Number(v)), unit]} />
          <Bar dataKey="value" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.label} fill={b.color} />
            ))}
            <LabelList dataKey="value" position="right" formatter={(v) => format(Number(v))} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
