import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** Okabe-Ito colours, distinguishable with the common colour-vision deficiencies. */
export const PALETTE = { ler: '#0072B2', non_ler: '#E69F00', neutral: '#009E73', negative: '#D55E00', grey: '#777777' } as const;

type Rows = readonly Record<string, unknown>[];
type Format = (value: number) => string;

interface Common {
  rows: Rows;
  xKey: string;
  series: readonly Series[];
  yFormat: Format;
  xLabel?: string;
  height?: number;
}

export const AXIS_FONT = 11;

/** Bars per series over a category axis (vertical: categories down the side, for long labels). */
export function SeriesBarChart({ rows, xKey, series, yFormat, xLabel, height = 260, vertical = false }: Common & { vertical?: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={vertical ? Math.max(height, 28 + rows.length * 34) : height}>
      <BarChart data={[...rows]} layout={vertical ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        {vertical ? (
          <>
            <XAxis type="number" tickFormatter={yFormat} fontSize={AXIS_FONT} />
            <YAxis type="category" dataKey={xKey} width={150} fontSize={AXIS_FONT} interval={0} />
          </>
        ) : (
          <>
            <XAxis
              dataKey={xKey}
              fontSize={AXIS_FONT}
              label={xLabel ? { value: xLabel, position: 'insideBottom', offset: -4, fontSize: AXIS_FONT } : undefined}
              height={xLabel ? 36 : 30}
            />
            <YAxis tickFormatter={yFormat} fontSize={AXIS_FONT} width={56} />
          </>
        )}
        <Tooltip formatter={(v) => yFormat(Number(v))} />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Lines per series over an ordered axis. */
export function SeriesLineChart({ rows, xKey, series, yFormat, xLabel, height = 260 }: Common) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey={xKey}
          fontSize={AXIS_FONT}
          label={xLabel ? { value: xLabel, position: 'insideBottom', offset: -4, fontSize: AXIS_FONT } : undefined}
          height={xLabel ? 36 : 30}
        />
        <YAxis tickFormatter={yFormat} fontSize={AXIS_FONT} width={56} domain={['auto', 'auto']} />
        <Tooltip formatter={(v) => yFormat(Number(v))} />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/**
 * Step curves with shaded interval bands: each series reads `key` for the curve and `${key}_band`
 * ([lo, hi]) for the band, over a numeric x axis.
 */
export function BandStepChart({ rows, xKey, series, yFormat, xLabel, height = 300 }: Common) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey={xKey}
          type="number"
          domain={[0, 'dataMax']}
          fontSize={AXIS_FONT}
          label={xLabel ? { value: xLabel, position: 'insideBottom', offset: -4, fontSize: AXIS_FONT } : undefined}
          height={36}
        />
        <YAxis tickFormatter={yFormat} fontSize={AXIS_FONT} width={56} domain={[0, 1]} />
        <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => yFormat(Number(x))).join('–') : yFormat(Number(v)))} />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
        {series.map((s) => (
          <Area
            key={`${s.key}_band`}
            dataKey={`${s.key}_band`}
            name={`${s.label} 95% CI`}
            type="stepAfter"
            stroke="none"
            fill={s.color}
            fillOpacity={0.18}
            connectNulls
            isAnimationActive={false}
            legendType="none"
          />
        ))}
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            type="stepAfter"
            stroke={s.color}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** Point estimates with interval bars over a numeric axis, with a zero line and a marker at `markX`. */
export function EstimateChart({
  rows,
  xKey,
  yFormat,
  xLabel,
  color,
  markX,
  height = 300,
  width,
}: Omit<Common, 'series'> & { color: string; markX?: number; width?: number }) {
  const chart = (
    <ComposedChart data={[...rows]} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey={xKey}
        type="number"
        domain={['dataMin - 0.5', 'dataMax + 0.5']}
        allowDecimals={false}
        tickCount={14}
        fontSize={AXIS_FONT}
        label={xLabel ? { value: xLabel, position: 'insideBottom', offset: -4, fontSize: AXIS_FONT } : undefined}
        height={36}
      />
      <YAxis tickFormatter={yFormat} fontSize={AXIS_FONT} width={56} />
      {!width && <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => yFormat(Number(x))).join(', ') : yFormat(Number(v)))} />}
      <ReferenceLine y={0} stroke="#444" />
      {markX !== undefined && (
        <ReferenceLine
          x={markX}
          stroke="#999"
          strokeDasharray="4 4"
          label={{ value: 'adoption', fontSize: 11, position: 'insideTopLeft' }}
        />
      )}
      <Scatter dataKey="estimate" name="Estimate" fill={color} isAnimationActive={false}>
        <ErrorBar dataKey="error" width={6} strokeWidth={1.5} stroke={color} direction="y" />
      </Scatter>
    </ComposedChart>
  );
  // A fixed width for print and PNG (the brief), without a tooltip; otherwise the chart fills its card.
  return width ? (
    chart
  ) : (
    <ResponsiveContainer width="100%" height={height}>
      {chart}
    </ResponsiveContainer>
  );
}

/** Pivots long rows (x, group, value) into one row per x with a column per group. */
export function pivot(rows: Rows, xKey: string, groupKey: string, valueKey: string): Record<string, unknown>[] {
  const byX = new Map<unknown, Record<string, unknown>>();
  for (const row of rows) {
    const x = row[xKey];
    const wide = byX.get(x) ?? { [xKey]: x };
    wide[String(row[groupKey])] = row[valueKey];
    byX.set(x, wide);
  }
  return [...byX.values()];
}
