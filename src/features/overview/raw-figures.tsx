import { useRef } from 'react';
import { provenanceText } from '../../components/source-tag';
import { ChartActions } from '../../components/chart-card';
import { Figure } from '../../components/figure';
import { formatCount, formatDays, formatPercent, formatUsd } from '../../components/format';
import { GroupBars } from '../../components/group-bars';
import { PALETTE } from '../../components/series-charts';
import { GROUPS, type Group } from '../../metrics/filters';
import type { Overview } from '../../metrics/overview';
import { isSuppressed, type OrSuppressed } from '../../metrics/suppression';
import { GROUP_LABEL } from '../query-view';
import { suppressedFigure } from '../suppressed-figure';

/** The overview's raw figures by group, one click away under each answer: descriptive, not effects. */

export function TimeToFill({ cells, k, sql }: { cells: Overview['timeToFillMedian']; k: number; sql: string }) {
  return (
    <>
      <GroupFigures cells={cells} k={k} show={(c) => formatDays(c.median)} />
      <Bars
        cells={cells}
        value={(c) => c.median}
        sql={sql}
        fileStem="overview-time-to-fill"
        format={(v) => `${v.toFixed(1)} d`}
        unit="days"
        description="Median days from requisition opened to offer accepted, LER-verified hires against other hires"
      />
      <p className="footnote">
        Requisition opened → offer accepted, calendar days. A raw comparison: LER-verified hires differ from others in more than the LER, so
        this is not the effect of adoption.
      </p>
    </>
  );
}

export function Retention({ cells, k, sql }: { cells: Overview['retention365']; k: number; sql: string }) {
  return (
    <>
      <GroupFigures
        cells={cells}
        k={k}
        show={(c) => (c.s === null ? 'n/a' : formatPercent(c.s))}
        detail={(c) =>
          c.s === null
            ? 'no one followed for a year yet'
            : c.lo !== null && c.hi !== null
              ? `95% CI ${formatPercent(c.lo)}–${formatPercent(c.hi)}`
              : 'no interval: everyone at risk left'
        }
      />
      <Bars
        cells={cells}
        value={(c) => c.s}
        sql={sql}
        fileStem="overview-retention"
        format={(v) => formatPercent(v)}
        unit="still employed"
        domainMax={1}
        description="Share still employed 365 days after starting (Kaplan-Meier), LER-verified hires against other hires"
      />
      <p className="footnote">Kaplan-Meier S(365 days), censored at the as-of date; log-scale Greenwood interval.</p>
    </>
  );
}

export function Training({ training }: { training: Overview['training'] }) {
  return (
    <dl className="figures">
      <Figure label="Enrollments" value={formatCount(training.enrollments)} detail={`${formatCount(training.people)} people`} />
      <Figure
        label="Completions"
        value={formatCount(training.completions)}
        detail={
          training.enrollments > 0
            ? `${formatPercent(training.completions / training.enrollments)} of n = ${formatCount(training.enrollments)}`
            : 'no enrollments'
        }
      />
      <Figure label="Direct cost" value={formatUsd(training.cost)} detail={`n = ${formatCount(training.enrollments)} enrollments`} />
    </dl>
  );
}

export function Adoption({ adoption }: { adoption: Overview['adoption'] }) {
  return (
    <dl className="figures">
      <Figure
        label="Employers adopted"
        value={`${formatCount(adoption.adopted)} of ${formatCount(adoption.employers)}`}
        detail={adoption.employers > 0 ? formatPercent(adoption.adopted / adoption.employers) : 'no employers'}
      />
      <Figure
        label="LER-verified hires"
        value={adoption.hires > 0 ? formatPercent(adoption.lerHires / adoption.hires) : '—'}
        detail={`${formatCount(adoption.lerHires)} of n = ${formatCount(adoption.hires)} hires`}
      />
    </dl>
  );
}

function GroupFigures<T extends { n: number }>({
  cells,
  k,
  show,
  detail,
}: {
  cells: Record<Group, OrSuppressed<T>>;
  k: number;
  show: (c: T) => string;
  detail?: (c: T) => string;
}) {
  return (
    <dl className="figures">
      {GROUPS.map((g) => {
        const cell = cells[g];
        return isSuppressed(cell) ? (
          <Figure key={g} label={GROUP_LABEL[g]} {...suppressedFigure(k, 'hires')} />
        ) : (
          <Figure
            key={g}
            label={GROUP_LABEL[g]}
            value={show(cell)}
            detail={[detail?.(cell), `n = ${formatCount(cell.n)}`].filter(Boolean).join(' · ')}
          />
        );
      })}
    </dl>
  );
}

function Bars<T extends { n: number }>({
  cells,
  value,
  sql,
  fileStem,
  ...chart
}: {
  cells: Record<Group, OrSuppressed<T>>;
  value: (c: T) => number | null;
  sql: string;
  fileStem: string;
  format: (v: number) => string;
  unit: string;
  description: string;
  domainMax?: number;
}) {
  const figure = useRef<HTMLDivElement>(null);
  const bars = GROUPS.flatMap((g) => {
    const cell = cells[g];
    if (isSuppressed(cell)) return [];
    const v = value(cell);
    return v === null ? [] : [{ label: g === 'ler' ? 'LER' : 'Other', value: v, color: PALETTE[g], n: cell.n }];
  });
  if (bars.length === 0) return null;
  return (
    <>
      <div ref={figure} className="chart-figure">
        <GroupBars bars={bars} {...chart} />
      </div>
      <ChartActions
        title={chart.description}
        headline={bars
          .map((b) => `${b.label === 'LER' ? 'LER-verified' : 'Other hires'}: ${chart.format(b.value)} (n = ${formatCount(b.n)})`)
          .join(' · ')}
        source={`${provenanceText('measured')}; descriptive: the groups may differ in more than the LER`}
        sql={sql}
        rows={GROUPS.map((g) => {
          const cell = cells[g];
          const group = g === 'ler' ? 'LER' : 'Other';
          return isSuppressed(cell)
            ? { group, value: null, n: null, suppressed: true }
            : { group, value: value(cell), n: cell.n, suppressed: false };
        })}
        columns={['group', 'value', 'n', 'suppressed']}
        fileStem={fileStem}
        figure={figure}
      />
    </>
  );
}
