/**
 * Writes data/sample-figures.json: the Overview's figures on the sample as the app saves them (the rows of
 * its queries, by SQL), shown on a first visit while the engine starts. The browser test "a first visit"
 * checks the file against the engine's figures; regenerate it whenever a metric's SQL or the sample changes.
 */
import { writeFileSync } from 'node:fs';
import { startApp } from '../bench/browser-bench';
import { openSession } from '../e2e/chromium';
import { savedSnapshot } from '../e2e/sample-figures';

const app = await startApp();
const session = await openSession(app.url);
try {
  await session.page.goto(`${app.url}/`);
  writeFileSync(new URL('../../data/sample-figures.json', import.meta.url), `${await savedSnapshot(session.page)}\n`);
} finally {
  await session.close();
  await app.close();
}
