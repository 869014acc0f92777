import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { decodeSnapshot, SNAPSHOT_KEY, type FigureSnapshot } from '../../src/store/figure-snapshot';
import { openSession, type Session } from './chromium';
import { savedSnapshot } from './sample-figures';

/**
 * Figures before the engine is ready: a first visit shows the sample's figures shipped with the app, a
 * second visit those saved on the first, and both are the engine's own once it has started. The engine's
 * wasm download is held back until the test has read the early figures, so the order never depends on timing.
 */
const baseUrl = inject('baseUrl');
const shipped = decodeSnapshot(readFileSync(new URL('../../data/sample-figures.json', import.meta.url), 'utf8'));

let session: Session | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

/** Holds every request for the engine's wasm until the returned function is called. */
async function holdEngine(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.context().route('**/*.wasm', async (route) => {
    await gate;
    await route.fallback();
  });
  return () => {
    release();
    void page.context().unroute('**/*.wasm');
  };
}

const figureTexts = (page: Page) => page.locator('main dl.figures').allTextContents();
const showsFigures = () => Array.from(document.querySelectorAll('main dl.figures dd')).some((d) => /\d/.test(d.textContent ?? ''));
const everyCardShowsFigures = () =>
  Array.from(document.querySelectorAll('main article.card')).every((card) => card.querySelector('dl.figures'));
const engineStatus = (page: Page) => page.locator('header [role="status"]').first().innerText();

/** Counts animation frames, from now until the aggregates are built, in which the page shows no figure. */
const watchForGaps = (page: Page) =>
  page.evaluate(`(() => {
    window.__frames = { total: 0, empty: 0 };
    const frame = () => {
      window.__frames.total++;
      if (!(${showsFigures.toString()})()) window.__frames.empty++;
      if (performance.getEntriesByName('ler:aggregates-built').length === 0) requestAnimationFrame(frame);
    };
    frame();
  })()`);
const gapFrames = (page: Page) => page.evaluate('window.__frames') as Promise<{ total: number; empty: number }>;

const rowsBySql = (snapshot: FigureSnapshot) => new Map(snapshot.queries);

describe('figures before the engine is ready', () => {
  it('a first visit shows the sample’s shipped figures at once, a second the last visit’s, both the engine’s, and figures of other data give way', async () => {
    expect(shipped?.dataId).toBe('sample');
    session = await openSession(baseUrl);
    const { page } = session;
    let release = await holdEngine(page);
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(showsFigures, undefined, { timeout: 30_000 });
    expect(await engineStatus(page)).toContain('Starting the analysis engine… The figures shown are the sample’s, saved earlier');
    // Every card, the DiDs' too (their bootstrap is read in a worker, a moment later), before the engine has started.
    await page.waitForFunction(everyCardShowsFigures, undefined, { timeout: 30_000 });
    expect(await engineStatus(page)).toContain('Starting the analysis engine…');
    const early = await figureTexts(page);
    expect(early.length).toBeGreaterThan(0);
    await watchForGaps(page);
    release();

    const live = decodeSnapshot(await savedSnapshot(page));
    expect(await engineStatus(page)).toContain('Engine ready');
    expect(await figureTexts(page)).toEqual(early);
    const frames = await gapFrames(page);
    expect(frames.total).toBeGreaterThan(10);
    expect(frames.empty).toBe(0);
    // The shipped file is the app's own snapshot of the Overview on the sample: same queries, same rows.
    expect(live?.dataId).toBe('sample');
    expect(live?.catalogue).toEqual(shipped?.catalogue);
    expect(live?.aggregatesAsOf).toBe(shipped?.aggregatesAsOf);
    if (!live || !shipped) throw new Error('no snapshot to compare');
    expect(rowsBySql(live)).toEqual(rowsBySql(shipped));

    // A second visit: the app ships the Overview's figures only, so the Hiring page's come from the first visit's snapshot.
    await page.getByRole('link', { name: 'Hiring' }).click();
    const first = await savedSnapshot(page);
    const engineFigures = await figureTexts(page);
    expect(engineFigures.length).toBeGreaterThan(0);
    expect(decodeSnapshot(first)?.queries.some(([sql]) => shipped?.queries.every(([shippedSql]) => shippedSql !== sql))).toBe(true);

    release = await holdEngine(page);
    await page.reload();
    await page.waitForFunction(showsFigures, undefined, { timeout: 30_000 });
    expect(await engineStatus(page)).toContain('Starting the analysis engine… The figures shown are the sample’s, saved earlier');
    expect(await figureTexts(page)).toEqual(engineFigures);
    release();
    await savedSnapshot(page);
    expect(await figureTexts(page)).toEqual(engineFigures);

    // A snapshot that names other data (another tab replaced it, say) shows until the engine has read the
    // data's name, then gives way: the figures are the engine's again, not the snapshot's.
    const altered = JSON.parse(first) as FigureSnapshot;
    altered.dataId = 'other data';
    for (const [, rows] of altered.queries)
      for (const row of rows) for (const [key, value] of Object.entries(row)) if (typeof value === 'number') row[key] = value * 2 + 1;
    // Written as the next page starts: the page being left saves its own snapshot as it goes.
    await page.addInitScript(
      ([key, text]) => {
        if (sessionStorage.getItem('altered') === null) localStorage.setItem(key, text);
        sessionStorage.setItem('altered', '1');
      },
      [SNAPSHOT_KEY, JSON.stringify(altered)] as const,
    );
    release = await holdEngine(page);
    await page.reload();
    await page.waitForFunction(showsFigures, undefined, { timeout: 30_000 });
    const otherFigures = await figureTexts(page);
    expect(otherFigures).not.toEqual(engineFigures);
    release();
    await savedSnapshot(page);
    expect(await figureTexts(page)).toEqual(engineFigures);
    expect(session.errors).toEqual([]);
    expect(session.external).toEqual([]);
  });

  it('keeps the data cleared when Clear all data is pressed while the sample is still downloading', async () => {
    session = await openSession(baseUrl);
    const { page } = session;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.context().route('**/*.csv', async (route) => {
      await gate;
      await route.fallback();
    });
    await page.goto(`${baseUrl}/data`);
    await page.waitForFunction(() => performance.getEntriesByName('ler:stored-data-opened').length > 0, undefined, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Clear all data' }).click();
    await expect.poll(() => page.getByText('0 employers · 0 hires').isVisible()).toBe(true);
    release();
    await page.waitForFunction(() => performance.getEntriesByName('ler:sample-loaded').length > 0, undefined, { timeout: 60_000 });
    expect(await page.getByText('0 employers · 0 hires').isVisible()).toBe(true);
    expect(session.errors).toEqual([]);
  });
});
