import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '../../components/chart-card';
import { Figure } from '../../components/figure';
import { StrengthNote } from '../../components/strength-tag';
import { formatCount, formatInterval, formatUsd, formatUsdMillions, formatWholePercent } from '../../components/format';
import { PALETTE } from '../../components/series-charts';
import { readTrainingSummary, trainingSummarySql } from '../../metrics/overview';
import { isSuppressed } from '../../metrics/suppression';
import { readUpskilling, type Upskilling, type Bounds, type UpskillingBreakdown, type UpskillingFigures } from '../../metrics/upskilling';
import { upskillingSql } from '../../metrics/upskilling-sql';
import { useAppStore } from '../../store/app-store';
import { Training } from '../overview/raw-figures';
import { QueryView } from '../query-view';
import { Assumptions } from './assumptions-form';
import { ProgramsTable } from './programs-table';
import { suppressedFigure } from '../suppressed-figure';
import { useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';

const NO_TRAINING = 'No training enrollments match these filters (started by the as-of date).';

/** Upskilling: does training whose credential is issued as an LER pay back? */
export function UpskillingPage() {
  const { filters, settings } = useMetricInputs();
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  // Enrollments, completions and cost read only the costs table: asked first, they show while the
  // retention comparison behind the ROI is computed (the engine answers queries in the order asked).
  const summary = useFigures(settings ? trainingSummarySql(filters, settings) : null, readTrainingSummary);
  const sql = settings ? upskillingSql(filters, settings) : null;
  const k = settings?.k ?? 1;
  const result = useFigures(sql, (rows) => readUpskilling(rows, assumptions, k));
  if (!settings || !sql) return null;
  return (
    <section aria-labelledby="upskilling-title" className="page">
      <div className="section-head">
        <h2 id="upskilling-title">Upskilling</h2>
        <p className="muted">
          Does training whose credential is issued as an LER pay back? First-year benefits, fully loaded costs (Phillips ROI method).
        </p>
      </div>
      <QueryView result={summary}>
        {(training) =>
          training.enrollments === 0 ? null : (
            <section className="card" aria-label="Training in these filters">
              {training.people < k ? (
                <dl className="figures">
                  <Figure label="Training" {...suppressedFigure(k)} />
                </dl>
              ) : (
                <Training training={training} />
              )}
            </section>
          )
        }
      </QueryView>
      <QueryView result={result} empty={NO_TRAINING}>
        {(upskilling) => <UpskillingBody upskilling={upskilling} sql={sql} k={settings.k} />}
      </QueryView>
    </section>
  );
}

function UpskillingBody({ upskilling, sql, k }: { upskilling: Upskilling; sql: string; k: number }) {
  const { results, breakdown } = upskilling;
  return (
    <>
      <div className="card">
        <dl className="figures wide">
          {isSuppressed(results) ? <Figure label="All enrollments" {...suppressedFigure(k)} /> : <HeadlineFigures figures={results} />}
        </dl>
        <StrengthNote strength="descriptive" />
      </div>
      {!isSuppressed(breakdown) && !isSuppressed(results) && (
        <Waterfall parts={breakdown} sql={sql} headline={waterfallHeadline(results)} />
      )}
      <ProgramsTable result={results} k={k} />
      <Assumptions saving={{ value: results.assumptions.internal_fill_saving, source: results.assumptions.internal_fill_saving_source }} />
    </>
  );
}

/** A figure's 95% interval in words, or why there is none. */
function interval(bounds: Bounds, format: (x: number) => string, open: string): string {
  return bounds === null ? 'no interval: no comparison group for retention' : formatInterval(bounds, format, open);
}

const months = (m: number) => `${m.toFixed(1)} months`;

function HeadlineFigures({ figures }: { figures: UpskillingFigures }) {
  return (
    <>
      <Figure
        label="Return on investment"
        provenance="measured"
        value={figures.roi_pct === null ? '—' : formatWholePercent(figures.roi_pct)}
        detail={`${interval(figures.roi_pct_ci95, formatWholePercent, '—')} · benefit ${formatUsd(figures.benefit)} (${interval(figures.benefit_ci95, formatUsd, '—')}) against cost ${formatUsd(figures.cost)}`}
      />
      <Figure
        label="Benefit-cost ratio"
        provenance="measured"
        value={figures.bcr === null ? '—' : figures.bcr.toFixed(2)}
        detail={`${interval(figures.bcr_ci95, (x) => x.toFixed(2), '—')} · ${figures.payback_months === null ? 'does not pay back' : `pays back in ${months(figures.payback_months)}`} (${interval(figures.payback_months_ci95, months, 'never')})`}
      />
      <Figure
        label="Trainees linked to a hire"
        provenance="measured"
        value={formatCount(figures.trainees)}
        detail={`of ${formatCount(figures.enrollments)} enrollments: the people whose retention is compared`}
      />
      <Figure
        label="Promotions within a year of completion"
        provenance="measured"
        value={formatCount(figures.promotions)}
        detail={
          figures.separations_avoided === null
            ? 'no comparison group for retention'
            : `separations avoided ${figures.separations_avoided.toFixed(1)} (trainees vs never-enrolled)`
        }
      />
    </>
  );
}

/** The waterfall's headline for its exports: first-year ROI with its interval, over how many enrollments. */
const waterfallHeadline = (figures: UpskillingFigures) => {
  const [lo, hi] = figures.roi_pct_ci95 ?? [null, null];
  const roi = figures.roi_pct === null ? 'not defined (no cost)' : formatWholePercent(figures.roi_pct);
  const interval = lo !== null && hi !== null ? ` (95% CI ${formatWholePercent(lo)} to ${formatWholePercent(hi)})` : '';
  return `First-year ROI ${roi}${interval}; net value ${formatUsd(figures.benefit - figures.cost)}, n = ${formatCount(figures.enrollments)} enrollments`;
};

function Waterfall({ parts, sql, headline }: { parts: UpskillingBreakdown; sql: string; headline: string }) {
  const steps: [string, number][] = [
    ['Direct cost', -parts.directCost],
    ['Trainee time', -parts.timeCost],
    ['LER credentials', -parts.lerCredentialCost],
    ['Promotions filled internally', parts.promotionBenefit],
    ['Separations avoided', parts.retentionBenefit],
  ];
  let running = 0;
  const bars = steps.map(([step, amount]) => {
    const start = running;
    running += amount;
    return {
      step,
      amount,
      base: Math.min(start, running),
      size: Math.abs(amount),
      color: amount < 0 ? PALETTE.negative : (PALETTE.neutral as string),
    };
  });
  bars.push({ step: 'Net value', amount: running, base: Math.min(0, running), size: Math.abs(running), color: PALETTE.ler });
  return (
    <ChartCard
      title="Where the money goes and comes from"
      provenance="measured"
      description="Costs (down) and first-year benefits (up) of all training enrollments, ending at the net value."
      sql={sql}
      rows={bars.map(({ step, amount }) => ({ step, amount }))}
      columns={['step', 'amount']}
      fileStem="upskilling-waterfall"
      headline={headline}
      footnote="Benefits use the assumptions below; change them and the chart follows."
    >
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" fontSize={11} interval={0} height={48} tick={{ width: 90 }} />
          <YAxis tickFormatter={formatUsdMillions} fontSize={11} width={60} />
          <Tooltip formatter={(_, __, item) => formatUsd(Number((item.payload as { amount: number }).amount))} />
          <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} />
          <Bar dataKey="size" stackId="w" name="Amount" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.step} fill={b.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
