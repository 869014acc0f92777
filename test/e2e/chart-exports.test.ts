import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PALETTE } from '../../src/components/series-charts';
import { LATEST_DATE_SQL } from '../../src/metrics/settings';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { fileFrom, SAMPLE_FILES } from '../support/files';
import { decodedPng } from './chart-png';
import { ARTIFACTS, dataOpened, openSession, type Session } from './chromium';

/**
 * Every chart's PNG and SVG, on every page, as a user saves them for a slide: the PNG is the framed chart at
 * twice its size and holds the plot's colours; the SVG carries the title, the source, the as-of date, the
 * filters and, as the data are the sample, the synthetic mark, around the chart's own drawing.
 */
const baseUrl = inject('baseUrl');
const PAGES = ['Overview', 'Hiring', 'Retention', 'Upskilling', 'Pilot outcomes', 'Plan a pilot', 'Business case'] as const;
/** The frame's padding around the chart, on each side (src/app/app.css .export-frame). */
const PAD = 16;
let session: Session;
let asOf: string;
const checked: string[] = [];

beforeAll(async () => {
  const engine = await createNodeEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
  asOf = latest?.latest ?? '';
  await engine.close();
  session = await openSession(baseUrl);
  await session.page.goto(baseUrl);
  await dataOpened(session.page);
});

afterAll(async () => {
  await session?.close();
  console.log(`chart exports checked: ${checked.length} charts (${checked.join('; ')})`);
});

async function save(button: ReturnType<Session['page']['getByRole']>): Promise<Buffer> {
  const download = session.page.waitForEvent('download');
  await button.click();
  return readFileSync(await (await download).path());
}

describe('every chart exports itself with the words a slide needs', () => {
  it.each(PAGES)('on %s', async (link) => {
    const { page } = session;
    await page.getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { name: link === 'Pilot outcomes' ? 'Pilot outcomes' : link, level: 2 }).waitFor();
    if (link === 'Overview') for (const summary of await page.locator('details.raw > summary').all()) await summary.click();
    if (link === 'Pilot outcomes') await page.getByRole('button', { name: /Break the change down/ }).click();
    await expect.poll(() => page.getByText(/Computing|Measuring/).count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.locator('.chart-figure svg.recharts-surface').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const actions = await page.getByRole('group', { name: /^Save or inspect / }).all();
    const figures = page.locator('.chart-figure');
    expect(actions.length).toBe(await figures.count());
    expect(actions.length).toBeGreaterThan(0);
    for (const [i, group] of actions.entries()) {
      const name = (await group.getAttribute('aria-label'))?.replace(/^Save or inspect /, '') ?? '';
      const figure = figures.nth(i);
      await figure.scrollIntoViewIfNeeded();
      const box = await figure.boundingBox();
      if (!box) throw new Error(`${name}: no figure box`);

      const pngBytes = await save(group.getByRole('button', { name: 'PNG', exact: true }));
      writeFileSync(path.join(ARTIFACTS, `export-${checked.length + 1}.png`), pngBytes);
      const png = await decodedPng(session, pngBytes, Object.values(PALETTE));
      expect(png.width, `${name}: PNG width`).toBeCloseTo(2 * (Math.ceil(box.width) + 2 * PAD), -1);
      // Title above and the source, date and mark below: at least three lines of text more than the chart.
      expect(png.height, `${name}: PNG height`).toBeGreaterThan(2 * (box.height + 2 * PAD + 3 * 12));
      expect(png.palettePixels, `${name}: the plot's colours in the PNG`).toBeGreaterThan(400);

      const svg = (await save(group.getByRole('button', { name: 'SVG', exact: true }))).toString('utf8');
      writeFileSync(path.join(ARTIFACTS, `export-${checked.length + 1}.svg`), svg);
      const text = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          lines: Array.from(doc.documentElement.children, (c) => (c.tagName === 'text' ? (c.textContent ?? '') : '')).join('\n'),
          chart: doc.documentElement.querySelectorAll(':scope > svg.recharts-surface').length,
        };
      }, svg);
      expect(text.error, `${name}: SVG parses`).toBeNull();
      expect(text.chart, `${name}: the chart's own drawing inside the SVG`).toBe(1);
      const words = text.lines.replace(/\n/g, ' ');
      expect(words, `${name}: SVG title`).toContain(name.split(' ').slice(0, 3).join(' '));
      expect(words).toContain(`Data as of ${asOf}`);
      expect(words).toContain('no filters');
      expect(words).toContain('Synthetic sample data');
      expect(words).toMatch(/Source: (Computed from the loaded data|An input you can edit)/);
      checked.push(`${link}: ${name}`);
    }
  });

  it('checked every chart the pages draw', () => {
    // Overview: the raw bars of its time-to-fill and retention cards; Hiring: two distributions and two
    // breakdowns; Retention: the curves; Upskilling: the waterfall; Pilot outcomes: the two event studies and
    // the subgroups; Plan a pilot: the power curves; Business case: the tornado.
    expect(checked.length).toBe(2 + 4 + 1 + 1 + 3 + 1 + 1);
  });
});
