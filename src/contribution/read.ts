import { consistencyProblem } from './consistency';
import { CONTRIBUTION_SCHEMA, contributionId, type Contribution } from './document';
import { GZIP } from './file-kind';
import { schemaProblems } from './schema';

/** A contribution file refused, with one line saying why; nothing of it was loaded. */
export class ContributionRejected extends Error {}

/** Far above any real contribution (a million count rows is a few tens of MB). */
export const MAX_CONTRIBUTION_BYTES = 256 * 1024 * 1024;

/** Reads, decompresses, parses and checks a contribution file: schema, consistency, and that its id is its content's. */
export async function readContribution(file: Blob): Promise<Contribution> {
  if (file.size > MAX_CONTRIBUTION_BYTES)
    throw new ContributionRejected(`it is ${Math.round(file.size / 1e6)} MB, more than a contribution can be (at most 256 MB)`);
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  let text: string;
  try {
    text =
      head[0] === GZIP[0] && head[1] === GZIP[1]
        ? await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text()
        : await file.text();
  } catch {
    throw new ContributionRejected('it is gzip-compressed but cannot be decompressed (truncated or damaged)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ContributionRejected(`it is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const schema = (parsed as { schema?: unknown } | null)?.schema;
  if (schema !== CONTRIBUTION_SCHEMA)
    throw new ContributionRejected(
      typeof schema === 'string'
        ? `it is a ${schema.slice(0, 60)} file, not ${CONTRIBUTION_SCHEMA}`
        : `it is not a ${CONTRIBUTION_SCHEMA} file`,
    );
  const tables = (parsed as { tables?: unknown }).tables;
  if (typeof tables === 'object' && tables !== null && 'tenure' in tables && !('first_year' in tables))
    throw new ContributionRejected(
      'it was saved by an earlier version of LER Outcomes, without the first-year table the retention effects need: ask its contributor to save it again',
    );
  const problems = schemaProblems(parsed);
  if (problems.length > 0) throw new ContributionRejected(`it does not follow the contribution schema: ${problems.join('; ')}`);
  const doc = parsed as Contribution;
  const problem = consistencyProblem(doc);
  if (problem) throw new ContributionRejected(`its numbers are inconsistent: ${problem}`);
  if ((await contributionId(doc)) !== doc.id)
    throw new ContributionRejected('its id does not match its content: the file was changed after it was saved');
  return doc;
}
