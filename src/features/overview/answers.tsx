import { useMemo } from 'react';
import { inputsInForce, type Baseline } from '../../business-case/baseline';
import { businessCaseScenarios } from '../../business-case/calculate';
import { EFFECT_KEYS, effectsFromResults, type EffectKey, type EffectSources } from '../../business-case/effects';
import { DEFAULT_INPUTS } from '../../business-case/inputs';
import { Figure } from '../../components/figure';
import { formatCount, formatInterval, formatSigned, formatUsd, formatWholePercent } from '../../components/format';
import { StrengthTag } from '../../components/strength-tag';
import type { RetentionAdjusted } from '../../metrics/retention-adjusted';
import { isSuppressed } from '../../metrics/suppression';
import type { UpskillingResults } from '../../metrics/upskilling';
import { useAppStore } from '../../store/app-store';
import { PageLink } from '../page-link';
import { suppressedFigure } from '../suppressed-figure';
import type { DidWithShare } from './use-effect-sources';

/** The effects of the business case, as the payback card names them. */
const EFFECT_NAMES: Record<EffectKey, string> = {
  timeToFillDays: 'time-to-fill',
  retention12mPoints: 'retention',
  promotionRatePoints: 'promotion',
};

const points = (x: number) => `${formatSigned(x * 100)} points`;
const months = (m: number) => `${m.toFixed(1)} months`;

/** The employers a pilot DiD rests on, in words. */
const employers = (did: DidWithShare) =>
  `${formatCount(did.treated_employers)} adopting, ${formatCount(did.control_employers)} never-adopting employers`;

/** A pilot DiD's overall ATT with its interval and employers, in a unit (`scale` × the estimate, then the unit's name), or why there is none. */
function AttFigure({
  did,
  label,
  scale,
  unit,
  missing,
}: {
  did: DidWithShare;
  label: string;
  scale: number;
  unit: string;
  missing: string;
}) {
  const { estimate, ci95 } = did.att;
  return (
    <Figure
      label={label}
      value={estimate === null ? 'not estimable' : `${formatSigned(estimate * scale)} ${unit}`}
      detail={ci95 ? `95% CI ${formatSigned(ci95[0] * scale)} to ${formatSigned(ci95[1] * scale)} ${unit} · ${employers(did)}` : missing}
    />
  );
}

/** Hiring: the pilot ATT on time-to-fill (DESIGN §4), or why the data cannot give one. */
export function HiringAnswer({ did }: { did: DidWithShare }) {
  return (
    <>
      <dl className="figures answer">
        <AttFigure
          did={did}
          label="Change in time-to-fill after adoption"
          scale={1}
          unit="days"
          missing="needs adopting and never-adopting employers with hires before and after adoption"
        />
      </dl>
      <p className="footnote">
        <StrengthTag strength="did" /> Adopters against never-adopters, before and after adoption:{' '}
        <PageLink page="pilot">event study and subgroups</PageLink>.
      </p>
    </>
  );
}

/**
 * Retention: the retention DiD (DESIGN §4b) first, and the within-employer comparison of LER and other
 * hires beside it; the raw group comparison is one click away.
 */
export function RetentionAnswer({ did, adjusted, k }: { did: DidWithShare; adjusted: RetentionAdjusted; k: number }) {
  return (
    <>
      <dl className="figures answer">
        <AttFigure
          did={did}
          label="Change in first-year retention after adoption"
          scale={100}
          unit="points"
          missing="needs adopters and never-adopters with hires followed a whole year before and after adoption"
        />
        {isSuppressed(adjusted) ? (
          <Figure label="LER − other hires, same employer" {...suppressedFigure(k, 'hires')} />
        ) : (
          <Figure
            label="LER − other hires, same employer"
            value={adjusted.estimate === null ? 'not estimable' : points(adjusted.estimate)}
            detail={
              adjusted.ci95
                ? `95% CI ${formatSigned(adjusted.ci95[0] * 100)} to ${formatSigned(adjusted.ci95[1] * 100)} points · n = ${formatCount(adjusted.ler_hires + adjusted.non_ler_hires)} hires`
                : 'no employer, occupation and start year with both kinds of hire'
            }
          />
        )}
      </dl>
      <p className="footnote">
        <StrengthTag strength="did" /> share still employed after 365 days; <StrengthTag strength="within_employer" /> LER and other hires
        of the same employer, occupation and start year: <PageLink page="retention">curves and strata</PageLink>.
      </p>
    </>
  );
}

/** Upskilling: first-year ROI, benefit-cost ratio and payback with their 95% intervals (DESIGN §4, §4b). */
export function UpskillingAnswer({ upskilling, k }: { upskilling: UpskillingResults; k: number }) {
  if (isSuppressed(upskilling))
    return (
      <dl className="figures answer">
        <Figure label="First-year ROI of training" {...suppressedFigure(k)} />
      </dl>
    );
  const interval = (bounds: [number | null, number | null] | null, format: (x: number) => string, open: string) =>
    bounds === null ? 'no interval: no comparison group for retention' : formatInterval(bounds, format, open);
  return (
    <>
      <dl className="figures answer">
        <Figure
          label="First-year ROI of training"
          value={upskilling.roi_pct === null ? '—' : formatWholePercent(upskilling.roi_pct)}
          detail={`${interval(upskilling.roi_pct_ci95, formatWholePercent, '—')} · n = ${formatCount(upskilling.enrollments)} enrollments`}
        />
        <Figure
          label="Payback"
          value={upskilling.payback_months === null ? 'never' : months(upskilling.payback_months)}
          detail={`${interval(upskilling.payback_months_ci95, months, 'never')} · benefit-cost ratio ${upskilling.bcr === null ? '—' : upskilling.bcr.toFixed(2)}`}
        />
      </dl>
      <p className="footnote">
        <StrengthTag strength="descriptive" /> Phillips method, fully loaded costs; trainees against never-enrolled hires:{' '}
        <PageLink page="upskilling">programs and assumptions</PageLink>.
      </p>
    </>
  );
}

/**
 * Cost and payback: the business case with its default inputs, the data's own baseline in their place,
 * and the strongest effects (another pilot's results, when loaded as evidence, where the data give none),
 * in its three scenarios.
 */
export function PaybackAnswer({ sources, baseline }: { sources: EffectSources; baseline: Baseline }) {
  // Another pilot's results loaded on the Business case page count here too, as they do there.
  const evidence = useAppStore((s) => s.evidence);
  const { scenarios, effects } = useMemo(() => {
    const effects = effectsFromResults(sources, evidence);
    return { effects, scenarios: businessCaseScenarios(inputsInForce(DEFAULT_INPUTS, [], baseline), effects) };
  }, [sources, baseline, evidence]);
  const { low, expected, high } = scenarios;
  const payback = (m: number | null) => (m === null ? 'never' : months(m));
  // Without hires under the filters there is no baseline: the defaults alone would answer for no one.
  if (baseline.annualHires === undefined)
    return (
      <p className="muted">
        Not computed: no hires under these filters to take a baseline from. The <PageLink page="business-case">calculator</PageLink> takes
        typed inputs.
      </p>
    );
  return (
    <>
      <dl className="figures answer">
        <Figure
          label="Payback of adopting LERs"
          value={payback(expected.paybackMonths)}
          detail={`${payback(low.paybackMonths)} (least favourable) to ${payback(high.paybackMonths)} (most favourable)`}
        />
        <Figure
          label="Net annual value"
          value={formatUsd(expected.net)}
          detail={`${formatUsd(low.net)} to ${formatUsd(high.net)} · cost ${formatUsd(expected.cost)} a year`}
        />
      </dl>
      <p className="footnote">
        The business case with its default costs, this data&apos;s own baseline where it has one, and the strongest effect for each:{' '}
        {EFFECT_KEYS.map((key, i) => {
          const effect = effects[key];
          return (
            <span key={key}>
              {i > 0 ? ', ' : ''}
              {EFFECT_NAMES[key]} {effect ? <StrengthTag strength={effect.strength} /> : '(none)'}
            </span>
          );
        })}
        . <PageLink page="business-case">Change the inputs and effects</PageLink>.
      </p>
    </>
  );
}
