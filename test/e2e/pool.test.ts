import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildContribution } from '../../src/contribution/build';
import { readContribution } from '../../src/contribution/read';
import { FILE_TABLE_NAMES } from '../../src/contribution/document';
import { formatCount, formatDays, formatPercent } from '../../src/components/format';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import { computeOverview, type Overview } from '../../src/metrics/overview';
import type { ResultsFile } from '../../src/metrics/results';
import { DEFAULT_K } from '../../src/metrics/settings';
import { fileFrom, SAMPLE_FILES } from '../support/files';
import { sampleSplit } from '../support/sample-split';
import { shown } from '../support/shown';
import { ARTIFACTS, dataOpened, openSession, type Session } from './chromium';

/**
 * A pooled pilot as its people do it: an employer saves a contribution from the Share panel; a program
 * leader clears the sample, drops three employer groups' contribution files and sees the whole sample's
 * overview, pooled; removes one; a tampered file is refused in one line.
 */
const baseUrl = inject('baseUrl');
const AS_OF = '2025-12-31';
let session: Session;
let dir: string;
let files: string[];
let whole: Overview;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ler-pool-'));
  const engine = await createNodeEngine();
  files = [];
  for (const [g, group] of sampleSplit(3).entries()) {
    await clearDataset(engine);
    await ingestFiles(
      engine,
      Object.entries(group).map(([name, text]) => new File([text], name)),
    );
    const { document } = await buildContribution(engine, { asOf: AS_OF, k: 1, pilotCode: 'e2e pilot', producer: 'test' });
    files.push(path.join(dir, `group-${g}.json`));
    writeFileSync(files[g] ?? '', JSON.stringify(document));
  }
  await clearDataset(engine);
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  whole = await computeOverview((sql) => engine.query(sql), { asOf: AS_OF, k: DEFAULT_K });
  session = await openSession(baseUrl);
  await session.page.goto(`${baseUrl}/data`);
  await dataOpened(session.page);
  await session.page.getByText(`${formatCount(whole.adoption.hires)} hires ·`).waitFor({ timeout: 90_000 });
}, 180_000);

afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a pooled pilot in the browser', () => {
  it('prepares a contribution from the loaded rows, shows every table and the certificate, and saves a file that checks', async () => {
    const { page } = session;
    const panel = page.getByRole('region', { name: 'Share with a pilot' });
    await panel.getByLabel('Pilot code (optional)').fill('browser pilot');
    await panel.getByRole('button', { name: 'Prepare the file' }).click();
    const tables = panel.getByRole('table', { name: 'Tables in the contribution' });
    await tables.waitFor({ timeout: 120_000 });
    // A header row and one row per table of the file.
    expect(await tables.getByRole('row').count()).toBe(FILE_TABLE_NAMES.length + 1);
    const certificate = await panel.getByRole('table', { name: 'Certificate' }).innerText();
    for (const figure of ['Pilot ATT on time-to-fill', 'Pilot ATT on first-year retention', 'Within-employer retention difference'])
      expect(certificate).toContain(figure);
    await page.screenshot({ path: path.join(ARTIFACTS, 'share-panel.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Save contribution file' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^ler-contribution-2025-12-31-[0-9a-f]{8}\.json$/);
    const doc = await readContribution(new Blob([readFileSync(await saved.path())]));
    expect([doc.k, doc.employers.length, doc.as_of]).toEqual([DEFAULT_K, 60, AS_OF]);
    expect(Object.values(doc.withheld).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('pools three contribution files into the whole sample’s overview, and says so', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await page.getByText(/^0 employers · 0 hires/).waitFor();
    await page.getByLabel('CSV files to load').setInputFiles(files);
    await page.getByRole('table', { name: 'Pooled contributions' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByText('Pooled from 3 contributions, 60 employers').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Overview' }).click();
    const card = (name: string) => page.getByRole('article', { name });
    const ttf = shown(whole.timeToFillMedian.ler);
    const retention = shown(whole.retention365.non_ler);
    // The answers first; the raw group figures one click away.
    await expect.poll(() => card('Hiring').innerText(), { timeout: 60_000 }).toContain('40 adopting, 20 never-adopting employers');
    for (const name of ['Hiring', 'Retention', 'Upskilling']) {
      await card(name).locator('details.raw > summary').click();
      await card(name).locator('details.raw[open] dl.figures').waitFor({ timeout: 60_000 });
    }
    await expect.poll(() => card('Hiring').innerText()).toContain(`n = ${formatCount(ttf.n)}`);
    expect(await card('Hiring').innerText()).toContain(formatDays(ttf.median));
    expect(await card('Retention').innerText()).toContain(formatPercent(retention.s ?? Number.NaN));
    expect(await card('Adoption').innerText()).toContain(
      `${formatCount(whole.adoption.lerHires)} of n = ${formatCount(whole.adoption.hires)} hires`,
    );
    expect(await card('Upskilling').innerText()).toContain(`${formatCount(whole.training.people)} people`);
    expect(await page.getByLabel('As-of date').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'pooled-overview.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download results (JSON)' }).click();
    const results = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as ResultsFile;
    expect(results.counts.hires).toBe(whole.adoption.hires);
    expect(results.sources.rows).toBeNull();
    expect(results.sources.contributions.map((c) => [c.employers, c.k, c.as_of])).toEqual([
      [20, 1, AS_OF],
      [20, 1, AS_OF],
      [20, 1, AS_OF],
    ]);
  });

  it('makes a one-page pilot brief of the pool that prints on one Letter and one A4 page and saves as PNG', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Pilot outcomes' }).click();
    await page.getByRole('button', { name: 'Make the one-page pilot brief' }).click();
    const brief = page.getByRole('article', { name: 'Pilot results brief' });
    await brief.waitFor({ timeout: 90_000 });
    const text = await brief.innerText();
    expect(text).toContain('pooled from 3 contribution files, 60 employers');
    expect(text).toMatch(/After adopting LERs, employers filled requisitions \d+\.\d days faster/);
    expect(text).toContain(`${formatCount(whole.adoption.hires)} hires`);
    await expect.poll(() => brief.locator('.recharts-scatter-symbol').count()).toBeGreaterThan(5);
    await page.emulateMedia({ media: 'print' });
    const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pages(await page.pdf({ format: 'Letter' }))).toBe(1);
    expect(pages(await page.pdf({ format: 'A4' }))).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save the pilot brief as PNG' }).click();
    const png = readFileSync(await (await download).path());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const box = await brief.boundingBox();
    expect(png.readUInt32BE(16)).toBeCloseTo(2 * (box?.width ?? 0), -1);
    await brief.screenshot({ path: path.join(ARTIFACTS, 'pilot-brief.png') });
  });

  it('refuses a tampered file in one line and keeps the pool; removes a contribution on request', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Data' }).click();
    const tampered = JSON.parse(readFileSync(files[0] ?? '', 'utf8')) as { k: number };
    tampered.k = 2;
    const tamperedFile = path.join(dir, 'tampered.json');
    writeFileSync(tamperedFile, JSON.stringify(tampered));
    await page.getByLabel('CSV files to load').setInputFiles(tamperedFile);
    const report = page.getByRole('row', { name: /^tampered\.json/ });
    await expect
      .poll(() => report.innerText(), { timeout: 60_000 })
      .toContain('Not loaded: its id does not match its content: the file was changed after it was saved.');
    expect(await page.getByText('Pooled from 3 contributions, 60 employers').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Remove group-1.json from the pool' }).click();
    await expect.poll(() => page.getByText('Pooled from 2 contributions, 40 employers').isVisible()).toBe(true);
  });

  it('asked nothing of any other origin and logged no errors', () => {
    expect(session.external).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
