import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ResultsFile } from '../../src/metrics/results';
import { isSuppressed } from '../../src/metrics/suppression';
import { exportedPoints, parseCsv, saveExport } from './chart-png';
import { openSession, type Session } from './chromium';

/**
 * What a user exports from a chart (CSV and PNG) and the results@1 file hide the same small cells: both
 * come from one reader per metric. The filter states are chosen so that some cells are under k and some
 * are not; the test checks that they are before it compares.
 */
const baseUrl = inject('baseUrl');
let session: Session;

beforeAll(async () => {
  session = await openSession(baseUrl);
});
afterAll(async () => {
  await session?.close();
});

/** Opens the overview with these settings in the address bar and downloads results@1. */
async function resultsAt(query: string): Promise<ResultsFile> {
  const { page } = session;
  await page.goto(`${baseUrl}/?${query}`);
  const button = page.getByRole('button', { name: 'Download results (JSON)' });
  await expect.poll(() => button.isEnabled(), { timeout: 90_000 }).toBe(true);
  const download = page.waitForEvent('download');
  await button.click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8')) as ResultsFile;
}

describe('exports and results@1 hide the same small cells', () => {
  it('in the event study (Healthcare, k = 150): the CSV, the points drawn, the PNG and the results file', async () => {
    const results = await resultsAt('industry=Healthcare&k=150');
    const events = results.pilot_did.event_study;
    const hidden = events.filter((x) => isSuppressed(x)).map((x) => x.e);
    const shownEvents = events.flatMap((x) => (isSuppressed(x) ? [] : [x]));
    expect(hidden.length, 'some quarters under k').toBeGreaterThan(0);
    expect(shownEvents.length, 'some quarters shown').toBeGreaterThan(0);

    const { page } = session;
    await page.getByRole('link', { name: 'Pilot outcomes' }).click();
    const card = page.getByRole('article', { name: 'Event study: time-to-fill by quarters since adoption' });
    await expect.poll(() => card.locator('.recharts-scatter-symbol').count(), { timeout: 60_000 }).toBe(shownEvents.length);

    const csv = parseCsv(await saveExport(session, card, 'CSV'));
    expect(csv.filter((r) => r.suppressed === 'true').map((r) => Number(r.e))).toEqual(hidden);
    expect(csv.filter((r) => r.suppressed === 'true').every((r) => r.estimate === '' && r.n === '')).toBe(true);
    expect(csv.filter((r) => r.suppressed === 'false').map((r) => [Number(r.e), Number(r.estimate), Number(r.n)])).toEqual(
      shownEvents.map((x) => [x.e, x.estimate, x.n]),
    );

    // The PNG: the whole chart at twice its size; each shown point a filled circle (about 4 px across, 8 at twice the size) with its error bar.
    expect(await exportedPoints(session, card)).toBeGreaterThan(30 * shownEvents.length);
  });

  it('in the subgroup forest plot (on request): the CSV, the points drawn, the PNG and the results file agree', async () => {
    const results = await resultsAt('k=10');
    const all = (['industry', 'size_band', 'region'] as const).flatMap((dim) =>
      (results.pilot_did.subgroups?.[dim] ?? []).map((g) => ({ dim, ...g })),
    );
    const shown = all.flatMap((g) => (g.suppressed || g.ci95 === null ? [] : [g]));
    expect(shown.length, 'subgroups with an estimate').toBeGreaterThan(5);

    const { page } = session;
    await page.getByRole('link', { name: 'Pilot outcomes' }).click();
    await page.getByRole('button', { name: 'Break the change down by industry, size band and region' }).click();
    const card = page.getByRole('article', { name: /^Subgroups/ });
    await expect.poll(() => card.locator('.recharts-scatter-symbol').count(), { timeout: 90_000 }).toBe(shown.length);
    const csv = parseCsv(await saveExport(session, card, 'CSV'));
    expect(csv.map((r) => [r.dimension, r.value, r.suppressed])).toEqual(all.map((g) => [g.dim, g.value, String(g.suppressed === true)]));
    expect(csv.filter((r) => r.suppressed === 'false').map((r) => [Number(r.estimate), Number(r.lo), Number(r.hi)])).toEqual(
      shown.map((g) => [g.estimate, g.ci95?.[0], g.ci95?.[1]]),
    );
    expect(await exportedPoints(session, card)).toBeGreaterThan(30 * shown.length);
  });

  it('in the overview’s time-to-fill bars (Healthcare, k = 1000): the CSV and the results file', async () => {
    const results = await resultsAt('industry=Healthcare&k=1000');
    const { ler, non_ler: other } = results.time_to_fill;
    expect([isSuppressed(ler), isSuppressed(other)], 'LER hires under k, the others not').toEqual([true, false]);
    if (isSuppressed(other)) throw new Error('unreachable');

    const card = session.page.getByRole('article', { name: 'Hiring' });
    await card.locator('details.raw > summary').click();
    await card.locator('details.raw[open] dl.figures').waitFor({ timeout: 30_000 });
    const csv = parseCsv(await saveExport(session, card, 'CSV'));
    expect(csv).toEqual([
      { group: 'LER', value: '', n: '', suppressed: 'true' },
      { group: 'Other', value: String(other.median), n: String(other.n), suppressed: 'false' },
    ]);
    expect(await card.innerText()).toContain('suppressed');
  });
});
