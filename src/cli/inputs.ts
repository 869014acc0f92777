import { openAsBlob, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/engine';
import { createNodeEngine } from '../engine/node-engine';
import { DEFAULT_K } from '../metrics/settings';

/** A problem with the command line or the input: reported in one line, exit code 2. */
export class UsageError extends Error {}

const isContribution = (file: string) => /\.json(\.gz)?$/i.test(file);

/** The files named: a folder stands for the CSV and contribution (.json, .json.gz) files directly inside it. */
export function inputFiles(inputs: readonly string[]): { csv: string[]; contributions: string[] } {
  const files = inputs.flatMap((input) => {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new UsageError(`No such file or folder: ${input}`);
    }
    if (!stats.isDirectory()) return [input];
    const found = readdirSync(input)
      .filter((f) => /\.csv$/i.test(f) || isContribution(f))
      .sort()
      .map((f) => path.join(input, f));
    if (found.length === 0) throw new UsageError(`No .csv or contribution (.json) files in ${input}`);
    return found;
  });
  return { csv: files.filter((f) => !isContribution(f)), contributions: files.filter(isContribution) };
}

/** Which DuckDB runs the command: the app's own wasm build (default), or native DuckDB for data past what a tab holds. */
export type EngineKind = 'wasm' | 'native';

export const ENGINE_USAGE = `--engine native runs the same SQL on native DuckDB, files read from disk, for data too large for
the browser (10M hires in under a minute); --engine wasm (the default) is the app's own engine. Native
uses every core (--threads N for fewer): results agree with wasm's to the last digits of floating-point
sums, and with --threads 1 they are byte for byte the same.`;

/** --engine and --threads, checked: null threads leaves DuckDB's default, one per core. */
export function engineOptions(values: { engine?: string; threads?: string }): { kind: EngineKind; threads: number | null } {
  const kind = values.engine ?? 'wasm';
  if (kind !== 'wasm' && kind !== 'native') throw new UsageError(`--engine must be wasm or native, not "${kind}".`);
  const threads = values.threads === undefined ? null : Number(values.threads);
  if (threads !== null && (!Number.isInteger(threads) || threads < 1))
    throw new UsageError(`--threads must be a whole number of at least 1, not "${values.threads}".`);
  if (threads !== null && kind !== 'native') throw new UsageError('--threads applies to --engine native; the wasm engine has one thread.');
  return { kind, threads };
}

/** The engine, and files from disk as the browser's File (which Node 20 also has) that it reads best: copied into wasm's memory, or read in place by native DuckDB. */
export async function openEngine({
  kind,
  threads,
}: {
  kind: EngineKind;
  threads: number | null;
}): Promise<{ engine: Engine; fileAt: (filePath: string, type?: string) => Promise<File> }> {
  if (kind === 'wasm')
    return {
      engine: await createNodeEngine(),
      fileAt: async (filePath, type = 'text/csv') => new File([readFileSync(filePath)], path.basename(filePath), { type }),
    };
  // Loaded only when asked for: its native binding is not needed otherwise.
  const { createNativeEngine, onDisk } = await import('../engine/native-engine');
  return {
    engine: await createNativeEngine({ threads }),
    fileAt: async (filePath, type = 'text/csv') =>
      onDisk(new File([await openAsBlob(filePath)], path.basename(filePath), { type }), filePath),
  };
}

/** --as-of and --k, checked. */
export function asOfAndK(values: { 'as-of'?: string; k?: string }): { asOf: string | null; k: number } {
  const asOf = values['as-of'] ?? null;
  if (asOf !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))))
    throw new UsageError(`--as-of must be a date as YYYY-MM-DD, not "${asOf}".`);
  const k = values.k === undefined ? DEFAULT_K : Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`--k must be a whole number of at least 1, not "${values.k}".`);
  return { asOf, k };
}

/** Writes a JSON document to --out (saying so on stderr) or to stdout; indented for reading, or compact for large tables. */
export function writeJson(document: unknown, out: string | null, indent: 2 | 0 = 2): void {
  const json = `${JSON.stringify(document, null, indent || undefined)}\n`;
  if (out) {
    writeFileSync(out, json);
    process.stderr.write(`Wrote ${out}\n`);
  } else {
    process.stdout.write(json);
  }
}

/** Runs a command's main with its arguments when the file is run as a script; a UsageError (or any failure) is one line and exit code 2. */
export async function runCli(moduleUrl: string, main: (argv: readonly string[]) => Promise<void>): Promise<void> {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== path.resolve(new URL(moduleUrl).pathname)) return;
  try {
    await main(process.argv.slice(2));
    process.exitCode = 0;
  } catch (err) {
    process.stderr.write(`${err instanceof UsageError ? err.message : `Failed: ${err instanceof Error ? err.message : String(err)}`}\n`);
    process.exitCode = 2;
  }
}
