import { parseArgs } from 'node:util';
import { buildContribution } from '../contribution/build';
import { ingestFiles } from '../ingest/batch';
import { LATEST_DATE_SQL } from '../metrics/settings';
import { asOfAndK, ENGINE_USAGE, engineOptions, inputFiles, openEngine, runCli, UsageError, writeJson } from './inputs';

const USAGE = `Usage: npm run contribute -- <folder or CSV files…> [--as-of YYYY-MM-DD] [--k N] [--pilot-code TEXT] [--engine wasm|native] [--threads N] [--out file.json]

Loads an employer group's employers, hires and training CSV files through the app's own ingest and
writes its ler-outcomes/contribution@1 file for a pooled pilot (to stdout without --out): exact count
tables, small cells under k merged or withheld (DESIGN §7), employers under pseudonymous keys (the same
in every file made with the pilot's --pilot-code; random without one), and the certificate of how far
the rule moved each headline figure. No hire, person or enrollment id leaves.

${ENGINE_USAGE}`;

await runCli(import.meta.url, async (argv) => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      k: { type: 'string' },
      'pilot-code': { type: 'string' },
      engine: { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new UsageError(USAGE);
  if (positionals.length === 0) throw new UsageError(`No input given.\n\n${USAGE}`);
  const { asOf: given, k } = asOfAndK(values);
  const { csv, contributions } = inputFiles(positionals);
  if (contributions.length > 0) throw new UsageError(`A contribution is made from CSV files, not from ${contributions[0]}.`);
  const { engine, fileAt } = await openEngine(engineOptions(values));
  const reports = await ingestFiles(engine, await Promise.all(csv.map((p) => fileAt(p))));
  for (const r of reports)
    process.stderr.write(`${r.file}: ${r.error ?? `${r.kind}: ${r.rowsLoaded} rows loaded, ${r.rowsRejected} rejected`}\n`);
  if (reports.every((r) => r.error)) throw new UsageError('No file could be loaded.');
  const [latest] = await engine.query<{ latest: string | null }>(LATEST_DATE_SQL);
  const asOf = given ?? latest?.latest ?? null;
  if (!asOf) throw new UsageError('The files hold no dates, so there is no as-of date; pass --as-of.');
  const { document, report } = await buildContribution(engine, {
    asOf,
    k,
    pilotCode: values['pilot-code'] ?? null,
    producer: 'LER Outcomes command line (npm run contribute)',
  });
  for (const t of report)
    process.stderr.write(
      `${t.table}: ${t.rows} rows; cells merged ${t.merged.occupation} by occupation, ${t.merged.year} into years, ${t.merged.all} into all; ${t.withheldPersons} persons withheld\n`,
    );
  writeJson(document, values.out ?? null, 0);
  await engine.close();
});
