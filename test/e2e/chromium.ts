import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-results');

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Requests to any origin other than the app's own, which were blocked. */
  external: string[];
  /** Requests to the origins the test allowed (a data server standing in for a user-typed URL). */
  allowed: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close: () => Promise<void>;
}

/** Opens headless Debian Chromium on a fresh profile, blocking and recording requests to other origins. */
export async function openSession(
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
  allowOrigins: readonly string[] = [],
): Promise<Session> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ler-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const origin = new URL(baseUrl).origin;
  const external: string[] = [];
  const allowed: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    if (allowOrigins.some((o) => url.startsWith(`${o}/`))) {
      allowed.push(url);
      return route.continue();
    }
    external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    context,
    page,
    external,
    allowed,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the app has started its engine and opened its data (stored, or the sample loaded): the figures
 * shown before that are the start-up snapshot's (src/store/figure-snapshot.ts), and filters and exports wait.
 */
export async function dataOpened(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('ler:aggregates-built').length > 0, undefined, { timeout: 120_000 });
}
