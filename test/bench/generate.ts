import { spawnSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import type { Expected } from './browser-bench';

export interface Generated {
  rows: Expected;
  csv_mb: number;
  generate_s: number;
}

/** Data lines in a CSV (newlines minus the header's). */
async function countRows(file: string): Promise<number> {
  let newlines = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) newlines++;
  }
  return newlines - 1;
}

export async function countCsvRows(dir: string): Promise<Expected> {
  const [employers, hires, training] = await Promise.all(
    ['employers', 'hires', 'training'].map((n) => countRows(path.join(dir, `${n}.csv`))),
  );
  return { employers: employers ?? 0, hires: hires ?? 0, training: training ?? 0 };
}

/** Writes about `hires` hires (with proportional employers and training) to `dir` with the sample-data generator. */
export async function generateData(hires: number, dir: string): Promise<Generated> {
  const start = performance.now();
  // A child process: the generator runs on import, and at millions of rows it needs a larger heap than ours.
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=12288', '--import', 'tsx', 'data/generate-sample.ts', '--hires', String(hires), '--out', dir],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.status !== 0)
    throw new Error(`generate-sample failed (${child.status}): ${child.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const generate_s = (performance.now() - start) / 1000;
  const bytes = ['employers', 'hires', 'training'].reduce((sum, n) => sum + statSync(path.join(dir, `${n}.csv`)).size, 0);
  return { rows: await countCsvRows(dir), csv_mb: bytes / (1024 * 1024), generate_s };
}
