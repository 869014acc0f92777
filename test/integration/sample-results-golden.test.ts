import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { sampleResultsText } from '../golden/sample-results';
import { freshEngine } from '../support/engine';
import { fileFrom, SAMPLE_FILES } from '../support/files';

/**
 * A regression check, not a correctness one (reference-agreement.test.ts checks the numbers against an
 * independent implementation): results@1 of the sample for many filter and setting states must stay
 * byte for byte what test/golden/sample-results.json holds, whichever tables the metrics read.
 */
const golden = readFileSync(new URL('../golden/sample-results.json', import.meta.url), 'utf8');
let engine: Engine;

beforeAll(async () => {
  engine = await freshEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
});

describe('results@1 of the sample', () => {
  it('is byte for byte the golden file, read from the rows', async () => {
    expect(await sampleResultsText({ aggregates: false, engine })).toBe(golden);
  });

  it('is byte for byte the golden file, read through the pre-aggregates', async () => {
    expect(await sampleResultsText({ aggregates: true, engine })).toBe(golden);
  });
});
