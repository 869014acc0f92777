import { useCallback, useMemo } from 'react';
import { baselineSql, readBaseline, type Baseline } from '../../business-case/baseline';
import type { EffectSources } from '../../business-case/effects';
import { pilotDidSql, type PilotDid } from '../../metrics/did';
import { lerSharePostSql, type DidOutcome } from '../../metrics/did-cells';
import { numOrNull, type Row } from '../../metrics/read-row';
import { readRetentionAdjusted, retentionAdjustedSql, type RetentionAdjusted } from '../../metrics/retention-adjusted';
import { readUpskilling, type UpskillingResults } from '../../metrics/upskilling';
import { upskillingSql } from '../../metrics/upskilling-sql';
import { useAppStore } from '../../store/app-store';
import { useDidEstimate } from '../use-did-estimate';
import { latestValue, useFigures, type Figures, type Latest } from '../use-sql';
import { useMetricInputs } from '../use-settings';

/** A pilot DiD with the LER share it was measured at, as results@1 carries it. */
export type DidWithShare = PilotDid & { ler_share_post: number | null };

/** The figures of a query as they stand: its latest answer, else the last one on the same data. */
const current = <T>(result: Latest<Figures<T>>): T | undefined => latestValue(result)?.value;

/** One pilot DiD and its LER share, each its own query (the pages' cache serves them to the Pilot page too). */
function useDid(outcome: DidOutcome): Latest<Figures<DidWithShare>> {
  const { filters, settings } = useMetricInputs();
  const k = settings?.k ?? 1;
  const did = useDidEstimate(settings ? pilotDidSql(filters, settings, outcome) : null, k, outcome);
  const share = useFigures(settings ? lerSharePostSql(filters, settings, outcome) : null, readShare);
  return useMemo(() => {
    if (did.state === 'failed') return did;
    if (share.state === 'failed') return share;
    const [d, s] = [current(did), current(share)];
    if (d === undefined || s === undefined) return { state: 'pending' };
    const value = { value: { ...d, ler_share_post: s }, rowCount: 1 };
    return did.state === 'done' && share.state === 'done' ? { state: 'done', value } : { state: 'pending', stale: value };
  }, [did, share]);
}

const readShare = ([row]: Row[]) => numOrNull(row, 'ler_share_post');

export interface OverviewEffects {
  timeToFill: Latest<Figures<DidWithShare>>;
  retention: Latest<Figures<DidWithShare>>;
  adjusted: Latest<Figures<RetentionAdjusted>>;
  upskilling: Latest<Figures<UpskillingResults>>;
  baseline: Latest<Figures<Baseline>>;
  /** Everything effectsFromResults reads, once every part has an answer. */
  sources: EffectSources | null;
}

/**
 * The strongest estimates the overview answers with (DESIGN §4b), each from its own query so that each
 * card shows as its figures arrive, and together the sources of the business case's effects.
 */
export function useOverviewEffects(): OverviewEffects {
  const { filters, settings } = useMetricInputs();
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  const k = settings?.k ?? 1;
  const timeToFill = useDid('time_to_fill_days');
  const retention = useDid('retained_365');
  const readAdjusted = useCallback((rows: Row[]) => readRetentionAdjusted(rows, k), [k]);
  const adjusted = useFigures(settings ? retentionAdjustedSql(filters, settings) : null, readAdjusted);
  const readResults = useCallback((rows: Row[]) => readUpskilling(rows, assumptions, k).results, [assumptions, k]);
  const upskilling = useFigures(settings ? upskillingSql(filters, settings, 'headline') : null, readResults);
  const baseline = useFigures(settings ? baselineSql(filters, settings) : null, readBaseline);
  const sources = useMemo((): EffectSources | null => {
    const [ttf, ret, adj, up] = [current(timeToFill), current(retention), current(adjusted), current(upskilling)];
    if (!ttf || !ret || !adj || !up) return null;
    return { pilot_did: { ...ttf, subgroups: null }, pilot_did_retention: ret, retention_adjusted: adj, upskilling: up };
  }, [timeToFill, retention, adjusted, upskilling]);
  return { timeToFill, retention, adjusted, upskilling, baseline, sources };
}
