import { useRef } from 'react';
import { describeFilters } from '../../metrics/filters';
import { BriefLabel } from '../../components/synthetic-mark';
import { estimatedSurvival } from '../../metrics/retention';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { breakEvenStatement, type BusinessCase, type Scenario } from '../../business-case/calculate';
import type { BusinessCaseEffects, Effect } from '../../business-case/effects';
import { STRENGTH_LABELS } from '../../metrics/design-strength';
import { INPUT_SPECS, type BusinessCaseInputs, type InputKey, type InputSpec } from '../../business-case/inputs';
import type { Baseline, Measured } from '../../business-case/baseline';
import { BriefActions } from '../../components/brief-actions';
import { formatCount, formatPercent, formatUsd, formatWholePercent } from '../../components/format';
import { PALETTE } from '../../components/series-charts';
import type { ResultsFile } from '../../metrics/results';
import { isSuppressed } from '../../metrics/suppression';
import { formatEffect } from './format-effect';

interface Props {
  cases: Record<Scenario, BusinessCase>;
  inputs: BusinessCaseInputs;
  baseline: Baseline;
  edited: readonly InputKey[];
  effects: BusinessCaseEffects;
  results: ResultsFile;
}

/** Where an input in force comes from, for the brief's list. */
function inputSource(spec: InputSpec, measured: Measured | undefined, edited: boolean): string {
  if (edited) return 'assumed (your value)';
  if (measured) return `measured (${measured.basis}, n = ${formatCount(measured.n)})`;
  return `${spec.provenance}${spec.source ? ` (${spec.source.replace(/\s*\(https?:[^)]*\)/g, '')})` : ''}`;
}

/** An effect's design strength and source, for a sentence. */
const sourced = (effect: Effect) => `${STRENGTH_LABELS[effect.strength]} (${effect.source.replace(/^\w+: /, '')})`;

const km365 = (g: ResultsFile['retention']['ler']) => estimatedSurvival(g, '365')?.s ?? null;

/** The one-page brief: headline value, the four questions answered, the key chart, assumptions and sources. */
export function Brief({ cases, inputs, baseline, edited, effects, results }: Props) {
  const node = useRef<HTMLElement>(null);
  const { low, expected, high } = cases;
  const lerRetention = km365(results.retention.ler);
  const otherRetention = km365(results.retention.non_ler);
  const training = isSuppressed(results.upskilling) ? null : results.upskilling;
  const chart = [
    { item: 'Vacancy days saved', value: expected.value.vacancyDays, color: PALETTE.neutral },
    { item: 'Turnover avoided', value: expected.value.turnoverAvoided, color: PALETTE.neutral },
    { item: 'Internal promotions', value: expected.value.internalPromotions, color: PALETTE.neutral },
    { item: 'Annual cost', value: expected.cost, color: PALETTE.negative },
    { item: 'Net value', value: expected.net, color: PALETTE.ler },
  ];
  const filters = describeFilters(results.filters);
  return (
    <>
      <BriefActions node={node} what="the brief" fileName="ler-business-case-brief.png" />
      <article ref={node} className="brief" aria-label="One-page brief">
        <header>
          <h2>What LERs would do for this employer, per year</h2>
          <p className="brief-meta">
            <BriefLabel data={results.data} label="LER Outcomes brief" /> · data as of {results.as_of} · {formatCount(results.counts.hires)}{' '}
            hires, {formatCount(results.counts.employers)} employers, {formatCount(results.counts.enrollments)} training enrollments
            {filters && ` · filters: ${filters}`}
          </p>
        </header>
        <p className="brief-headline">
          Expected net value <strong>{formatUsd(expected.net)}</strong> a year (low {formatUsd(low.net)}, high {formatUsd(high.net)}); ROI{' '}
          {expected.roiPct === null ? '—' : formatWholePercent(expected.roiPct)}, payback{' '}
          {expected.paybackMonths === null ? 'never' : `${expected.paybackMonths.toFixed(1)} months`}. {breakEvenStatement(inputs, effects)}
        </p>
        <div className="brief-questions">
          <section>
            <h3>1. Hiring: faster?</h3>
            <p>
              {effects.timeToFillDays
                ? `Time-to-fill per LER hire: ${formatEffect('timeToFillDays', effects.timeToFillDays)}, ${sourced(effects.timeToFillDays)}.`
                : 'No time-to-fill effect: the data give none and none was assumed.'}
            </p>
            <p>
              For you: {expected.units.vacancyDaysSaved.toFixed(0)} vacancy days saved, {formatUsd(expected.value.vacancyDays)} a year.
            </p>
          </section>
          <section>
            <h3>2. Retention: stay longer?</h3>
            <p>
              {effects.retention12mPoints
                ? `Twelve-month retention: ${formatEffect('retention12mPoints', effects.retention12mPoints)}, ${sourced(effects.retention12mPoints)}.`
                : 'No retention effect: none was assumed.'}{' '}
              {lerRetention !== null && otherRetention !== null
                ? `In the data, ${formatPercent(lerRetention)} of LER-verified hires vs ${formatPercent(otherRetention)} of others were still employed after 12 months (descriptive, not used: they differ in more than the LER).`
                : ''}
            </p>
            <p>
              For you: {expected.units.separationsAvoided.toFixed(1)} fewer leavers, {formatUsd(expected.value.turnoverAvoided)} a year.
            </p>
          </section>
          <section>
            <h3>3. Upskilling: does it pay back?</h3>
            <p>
              {effects.promotionRatePoints
                ? `Promotion within a year after LER-credentialed training: ${formatEffect('promotionRatePoints', effects.promotionRatePoints)}, ${sourced(effects.promotionRatePoints)}.`
                : 'No promotion effect: the data give none and none was assumed.'}{' '}
              {training && training.roi_pct !== null ? `Training ROI in the data: ${formatWholePercent(training.roi_pct)}.` : ''}
            </p>
            <p>
              For you: {expected.units.promotionsGained.toFixed(1)} more internal promotions, {formatUsd(expected.value.internalPromotions)}{' '}
              a year.
            </p>
          </section>
          <section>
            <h3>4. Cost and payback</h3>
            <p>
              Annual cost {formatUsd(expected.cost)}: platform {formatUsd(expected.costs.platform)}, credentials{' '}
              {formatUsd(expected.costs.credentials)}, verification {formatUsd(expected.costs.verification)}, new training{' '}
              {formatUsd(expected.costs.training)}.
            </p>
            <p>
              Benefit-cost ratio {expected.bcr === null ? '—' : expected.bcr.toFixed(2)} (low {low.bcr === null ? '—' : low.bcr.toFixed(2)},
              high {high.bcr === null ? '—' : high.bcr.toFixed(2)}).
            </p>
          </section>
        </div>
        <figure className="brief-chart" aria-label="Expected annual value by source, cost and net value">
          <BarChart width={640} height={150} data={chart} layout="vertical" margin={{ top: 4, right: 80, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => formatUsd(v)} fontSize={10} />
            <YAxis type="category" dataKey="item" width={130} fontSize={10} interval={0} />
            <Bar dataKey="value" isAnimationActive={false}>
              {chart.map((c) => (
                <Cell key={c.item} fill={c.color} />
              ))}
              <LabelList dataKey="value" position="right" formatter={(v) => formatUsd(Number(v))} fontSize={10} />
            </Bar>
          </BarChart>
        </figure>
        <section className="brief-sources">
          <h3>Assumptions and sources</h3>
          <ul>
            {INPUT_SPECS.map((s) => (
              <li key={s.key}>
                {s.label}: {Number(inputs[s.key].toFixed(2)).toLocaleString('en-US')} {s.unit} —{' '}
                {inputSource(s, baseline[s.key], edited.includes(s.key))}
              </li>
            ))}
          </ul>
          <p>
            Each effect comes from the strongest source available, labelled: DiD (the loaded data&apos;s difference-in-differences, with an
            employer-cluster bootstrap interval), evidence (another pilot&apos;s results file), descriptive (a raw comparison), benchmark
            (published) or assumed (typed). Low and high scenarios take each effect at the ends of its interval. ROI = (benefit − cost) /
            cost; payback = 12 × cost / benefit.
          </p>
        </section>
      </article>
    </>
  );
}
