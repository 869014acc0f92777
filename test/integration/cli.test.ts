import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../src/metrics/results';
import { SAMPLE } from '../support/files';
import { sampleSplit } from '../support/sample-split';

/**
 * The command lines as a user runs them: the sample split into three employer groups, each made into
 * a contribution with `npm run contribute`, pooled with `npm run metrics`, give the figures of the whole
 * sample; bad input is one line and exit code 2.
 */
let dir: string;
const cli = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
/** `npm run metrics -- data/sample` on the wasm engine, run once for the tests that compare with it. */
let wasmOnSample: ReturnType<typeof cli> | undefined;
const sampleOnWasm = () => (wasmOnSample ??= cli('metrics', [SAMPLE]));

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ler-cli-'));
  sampleSplit(3).forEach((files, g) => {
    mkdirSync(path.join(dir, `group-${g}`));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, `group-${g}`, name), text);
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run contribute and npm run metrics', () => {
  it('make three contributions of the sample that pool into the whole sample’s figures', () => {
    for (let g = 0; g < 3; g++) {
      const made = cli('contribute', [
        path.join(dir, `group-${g}`),
        '--k',
        '1',
        '--pilot-code',
        'cli-test',
        '--out',
        path.join(dir, `group-${g}.json`),
      ]);
      expect(made.status, made.stderr).toBe(0);
      expect(made.stderr).toContain(`Wrote ${path.join(dir, `group-${g}.json`)}`);
    }
    const pooled = cli(
      'metrics',
      [0, 1, 2].map((g) => path.join(dir, `group-${g}.json`)),
    );
    const whole = sampleOnWasm();
    expect([pooled.status, whole.status]).toEqual([0, 0]);
    expect(whole.stderr).not.toContain('Not loaded');
    const [a, b] = [JSON.parse(pooled.stdout) as ResultsFile, JSON.parse(whole.stdout) as ResultsFile];
    // The bundled sample's folder is the synthetic sample; copies of its rows elsewhere are not recognised as it.
    expect([b.data, a.data]).toEqual(['synthetic sample', 'employer data']);
    expect(a.counts).toEqual(b.counts);
    expect(a.time_to_fill).toEqual(b.time_to_fill);
    expect(a.retention).toEqual(b.retention);
    expect(a.pilot_did.att.estimate).toBeCloseTo(b.pilot_did.att.estimate ?? Number.NaN, 9);
    expect(a.sources.rows).toBeNull();
    expect(a.sources.contributions.map((c) => c.employers)).toEqual([20, 20, 20]);
    expect(pooled.stderr).toMatch(/group-0\.json: pooled: 20 employers as of 2025-12-31, k = 1, 0 persons withheld/);
  }, 300_000);

  it.each([
    ['contribute', ['no/such/folder'], 'No such file or folder: no/such/folder'],
    ['contribute', [SAMPLE, '--k', '0'], '--k must be a whole number of at least 1, not "0".'],
    ['contribute', [SAMPLE, '--as-of', '2025-13-45'], '--as-of must be a date as YYYY-MM-DD, not "2025-13-45".'],
    ['metrics', [SAMPLE, '--filters', '{oops'], `--filters must be JSON, e.g. '{"industry":["Retail"]}'.`],
  ])('npm run %s %j exits 2 with one clear line', (script, args, message) => {
    const run = cli(script, args);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(message);
    expect(run.stdout).toBe('');
  });

  it('loads nothing of its data files when one of them cannot be loaded, and says which', () => {
    const people = path.join(dir, 'people.csv');
    writeFileSync(people, 'name,age\nA,3\n');
    const run = cli('metrics', [path.join(SAMPLE, 'employers.csv'), people]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Nothing of the data files was loaded (they load together or not at all):',
      '  people.csv: Not recognised as employers, hires or training: the header needs employer_id, hire_id or enrollment_id. Found: name, age',
      '  employers.csv: Not loaded: people.csv could not be loaded, and the files of one load go in together or not at all.',
    ]);
    expect(run.stdout).toBe('');
  });

  it('refuses, in one line each, contribution files that are not contributions, and pools the rest', () => {
    const junk = path.join(dir, 'junk.json');
    writeFileSync(junk, '{"schema": "ler-outcomes/results@1"}');
    const run = cli('metrics', [junk, path.join(dir, 'group-0.json')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('junk.json: Not loaded: it is a ler-outcomes/results@1 file, not ler-outcomes/contribution@1.');
    expect((JSON.parse(run.stdout) as ResultsFile).sources.contributions).toHaveLength(1);
  });
});

/** Every number of two documents to `tolerance` (relative, or absolute below 1), everything else equal. */
function expectSameTo(actual: unknown, expected: unknown, tolerance: number, at = '$'): number {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected) / Math.max(1, Math.abs(expected)), at).toBeLessThanOrEqual(tolerance);
    return 1;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), at).toEqual(Object.keys(expected).sort());
    return Object.entries(expected).reduce<number>(
      (n, [key, value]) => n + expectSameTo((actual as Record<string, unknown>)[key], value, tolerance, `${at}.${key}`),
      0,
    );
  }
  expect(actual, at).toEqual(expected);
  return 0;
}

describe('--engine native', () => {
  it('gives results@1 byte for byte the wasm engine’s with one thread, and to 1e-12 with every core', () => {
    const [fromWasm, oneThread, allThreads] = [
      sampleOnWasm(),
      cli('metrics', [SAMPLE, '--engine', 'native', '--threads', '1']),
      cli('metrics', [SAMPLE, '--engine', 'native']),
    ];
    for (const run of [fromWasm, oneThread, allThreads]) expect(run.status, run.stderr).toBe(0);
    expect(oneThread.stdout).toBe(fromWasm.stdout);
    expect(expectSameTo(JSON.parse(allThreads.stdout), JSON.parse(fromWasm.stdout), 1e-12)).toBeGreaterThan(500);
  });

  it('makes the same contribution as the wasm engine', () => {
    const args = [path.join(dir, 'group-1'), '--pilot-code', 'same-pilot'];
    const made = [cli('contribute', args), cli('contribute', [...args, '--engine', 'native', '--threads', '1'])].map((run) => {
      expect(run.status, run.stderr).toBe(0);
      // The fields that differ from run to run: the creation time, and the id, a hash of the file with it.
      const document = JSON.parse(run.stdout) as Record<string, unknown>;
      delete document.created_at;
      delete document.id;
      return document;
    });
    expect(made[1]).toEqual(made[0]);
  });

  it('refuses an unknown engine and threads without it in one line', () => {
    const unknown = cli('metrics', [SAMPLE, '--engine', 'gpu']);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([2, '--engine must be wasm or native, not "gpu".']);
    const threads = cli('metrics', [SAMPLE, '--threads', '2']);
    expect([threads.status, threads.stderr.trim()]).toEqual([2, '--threads applies to --engine native; the wasm engine has one thread.']);
  });
});
