import { RESULTS_SCHEMA, type ResultsFile } from '../metrics/results';
import type { Evidence } from './effects';

/** Why a file cannot serve as evidence, in one line. */
export class EvidenceRejected extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

const isInterval = (ci: unknown) =>
  ci === null || (Array.isArray(ci) && ci.length === 2 && ci.every((x) => typeof x === 'number' && Number.isFinite(x)));

/** A pilot DiD block the business case can read: an ATT with its interval, employer counts, and s_p when given. */
function isReadableDid(did: unknown): boolean {
  if (!isObject(did) || !isObject(did.att) || !isNumberOrNull(did.att.estimate) || !isInterval(did.att.ci95)) return false;
  return (
    (did.ler_share_post === undefined || isNumberOrNull(did.ler_share_post)) &&
    Number.isInteger(did.treated_employers) &&
    Number.isInteger(did.control_employers)
  );
}

/** A within-employer comparison the business case can read: suppressed, or an estimate with its interval, strata and hires. */
function isReadableAdjusted(adjusted: unknown): boolean {
  if (!isObject(adjusted)) return false;
  if (adjusted.suppressed === true) return true;
  return (
    isNumberOrNull(adjusted.estimate) &&
    isInterval(adjusted.ci95) &&
    ['strata', 'ler_hires', 'non_ler_hires'].every((key) => Number.isInteger(adjusted[key]))
  );
}

/**
 * Reads another pilot's results@1 file (the JSON "Download results" or `npm run metrics` writes) as
 * evidence, checking the parts the business case reads: the pilot DiDs' ATTs with their intervals and
 * employer counts, the within-employer retention comparison, the counts and sources it is described by,
 * the upskilling split by credential.
 */
export function readEvidence(text: string, name: string): Evidence {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EvidenceRejected(`${name} is not JSON: load the results file that "Download results (JSON)" or npm run metrics writes.`);
  }
  if (!isObject(json) || json.schema !== RESULTS_SCHEMA)
    throw new EvidenceRejected(`${name} is not a results file: its "schema" is not "${RESULTS_SCHEMA}".`);
  if (!isReadableDid(json.pilot_did))
    throw new EvidenceRejected(`${name} has no readable pilot_did block (an ATT with its interval and employer counts).`);
  // Files written before the retention estimates existed have neither block; one that has a block must be readable.
  if (json.pilot_did_retention !== undefined && !isReadableDid(json.pilot_did_retention))
    throw new EvidenceRejected(`${name} has an unreadable pilot_did_retention block (an ATT with its interval and employer counts).`);
  if (json.retention_adjusted !== undefined && !isReadableAdjusted(json.retention_adjusted))
    throw new EvidenceRejected(`${name} has an unreadable retention_adjusted block (an estimate with its interval, strata and hires).`);
  const counts = json.counts;
  if (!isObject(counts) || !Number.isInteger(counts.employers) || !Number.isInteger(counts.hires) || typeof json.as_of !== 'string')
    throw new EvidenceRejected(`${name} has no readable counts or as_of date.`);
  const upskilling = json.upskilling;
  const byCredential = isObject(upskilling) ? upskilling.by_credential_as_ler : undefined;
  const readableSplit =
    isObject(byCredential) &&
    Object.values(byCredential).every(
      (g) =>
        isObject(g) &&
        (g.suppressed === true ||
          (Number.isInteger(g.completions) &&
            Number.isInteger(g.promotions) &&
            (g.completions_followed_365 === undefined || Number.isInteger(g.completions_followed_365)) &&
            (g.promotion_rate_365 === undefined || isNumberOrNull(g.promotion_rate_365)))),
    );
  if (!readableSplit) throw new EvidenceRejected(`${name} has no readable upskilling split by credential_as_ler.`);
  // Files written before the sources block existed describe rows only.
  const sources = isObject(json.sources) && Array.isArray(json.sources.contributions) ? json.sources : { rows: null, contributions: [] };
  return { name, results: { ...(json as unknown as ResultsFile), sources: sources as unknown as ResultsFile['sources'] } };
}
