import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import { openRemoteFile, parseDataUrl } from '../../src/ingest/remote-file';
import { fileFrom, FIXTURES } from '../support/files';
import { startRangeServer, type RangeServer } from '../support/range-server';

let server: RangeServer;
let engine: Engine;

beforeAll(async () => {
  server = await startRangeServer(FIXTURES);
  engine = await createNodeEngine();
});
afterAll(async () => {
  await server.close();
});

/** Loads the fixture employers and then `file`; returns every table's rows and the rejections, for comparison. */
async function loadAndDump(file: File) {
  await clearDataset(engine);
  await ingestFiles(engine, [fileFrom(path.join(FIXTURES, 'employers.csv'))]);
  const [report] = await ingestFiles(engine, [file]);
  return {
    report: { ...report, file: undefined },
    hires: await engine.query('SELECT * FROM hires ORDER BY hire_id'),
    rejections: await engine.query('SELECT line, "column", value, reason FROM ingest_rejections ORDER BY ALL'),
  };
}

describe('data files at a URL', () => {
  it('reads Parquet by range requests only, and loads exactly what the same local file loads', async () => {
    server.requests.length = 0;
    const remote = await openRemoteFile(`${server.origin}/formats/hires.parquet`);
    const fromUrl = await loadAndDump(remote);
    const parquetRequests = server.requests.filter((r) => r.path === '/formats/hires.parquet');
    // One HEAD for the size; every GET asks for a byte range, none for the whole file.
    expect(parquetRequests.filter((r) => r.method === 'HEAD')).toHaveLength(1);
    const gets = parquetRequests.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(1);
    for (const get of gets) expect(get.range).toMatch(/^bytes=\d+-\d+$/);
    const local = await loadAndDump(fileFrom(path.join(FIXTURES, 'formats', 'hires.parquet')));
    expect(fromUrl).toEqual(local);
    expect(fromUrl.report).toMatchObject({ kind: 'hires', rowsLoaded: 2, rowsRejected: 2 });
  });

  it('downloads a CSV whole, with progress, and loads it like the local file', async () => {
    const seen: number[] = [];
    const remote = await openRemoteFile(`${server.origin}/hires-bad.csv`, (loaded) => seen.push(loaded));
    expect(remote.name).toBe('hires-bad.csv');
    const local = fileFrom(path.join(FIXTURES, 'hires-bad.csv'));
    expect(seen.at(-1)).toBe(local.size);
    expect(await loadAndDump(remote)).toEqual(await loadAndDump(local));
  });

  it('says clearly what went wrong: not a URL, another scheme, a missing file, a server that cannot be reached', async () => {
    expect(() => parseDataUrl('hires.csv')).toThrow('is not a web address');
    expect(() => parseDataUrl('file:///etc/passwd')).toThrow('Only http and https addresses can be read, not file:');
    expect(() => parseDataUrl('javascript:alert(1)')).toThrow('not javascript:');
    await expect(openRemoteFile(`${server.origin}/missing.csv`)).rejects.toThrow(`${server.origin}/missing.csv answered HTTP 404`);
    await expect(openRemoteFile('http://127.0.0.1:9/hires.csv')).rejects.toThrow('could not be read: the server did not answer');
  });
});
