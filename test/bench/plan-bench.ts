/**
 * Pilot design's simulation (DESIGN §8, issue 16): 500 draws of the product's DiD at 60 employers on the
 * sample's panel, timed in the browser (production build, headless Chromium, from the click to the answer
 * on the page, the worker's start included) and in Node (the same function, no worker).
 *
 * Run: npm run bench:plan -- [--repeats 5] [--out results.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createNodeEngine } from '../../src/engine/node-engine';
import { ingestFiles } from '../../src/ingest/batch';
import { minimumDetectableEffect } from '../../src/metrics/pilot-design/mde';
import { pilotPanelSql, readPanel } from '../../src/metrics/pilot-design/panel';
import { componentsOf } from '../../src/metrics/pilot-design/pilot-design';
import { SIMULATION, simulatePower } from '../../src/metrics/pilot-design/simulate';
import { varianceComponents } from '../../src/metrics/pilot-design/variance';
import { DEFAULT_K, LATEST_DATE_SQL } from '../../src/metrics/settings';
import { openSession } from '../e2e/chromium';
import { fileFrom, SAMPLE_FILES } from '../support/files';
import { startApp } from './browser-bench';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '5' }, out: { type: 'string' } } });
const repeats = Number(values.repeats);
// The sample's own shape: 60 employers, two in three adopting, 8 quarters before adoption and 9 from it.
const DESIGN = { J: 60, P: 0.667, m: 8, r: 9 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

const engine = await createNodeEngine();
await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
const [latest] = await engine.query<{ latest: string }>(LATEST_DATE_SQL);
const panel = readPanel(await engine.query(pilotPanelSql({}, { asOf: latest?.latest ?? '', k: DEFAULT_K }, 'time_to_fill_days')));
const variance = varianceComponents(panel.units);
const mde = variance && minimumDetectableEffect(DESIGN, componentsOf(variance));
if (mde === null) throw new Error('the sample gives no MDE');
const nodeMs = Array.from({ length: repeats }, () => {
  const start = performance.now();
  simulatePower(panel.units, DESIGN, mde);
  return performance.now() - start;
});

const app = await startApp();
const session = await openSession(app.url);
const browserMs: number[] = [];
try {
  const { page } = session;
  await page.goto(`${app.url}/plan?employers=${DESIGN.J}&adopting=${DESIGN.P}&before=${DESIGN.m}&after=${DESIGN.r}`);
  const card = page.getByRole('article', { name: 'Check by simulation' });
  await card.getByRole('button', { name: /^Simulate/ }).waitFor({ timeout: 120_000 });
  for (let i = 0; i < repeats; i++) {
    const start = Date.now();
    await card.getByRole('button', { name: /^Simulate/ }).click();
    await card.getByText('Simulated power at the analytic MDE').waitFor({ timeout: 120_000 });
    browserMs.push(Date.now() - start);
  }
} finally {
  await session.close();
  await app.close();
}

const result = {
  runs: SIMULATION.runs,
  design: DESIGN,
  panel_employers: panel.units.length,
  browser_s: browserMs.map((ms) => ms / 1000),
  browser_median_s: median(browserMs) / 1000,
  node_median_ms: median(nodeMs),
};
console.log(
  `plan: ${SIMULATION.runs} draws at ${DESIGN.J} employers: browser median ${result.browser_median_s.toFixed(2)} s (max ${(Math.max(...browserMs) / 1000).toFixed(2)} s, ${repeats} runs, worker start included); Node ${result.node_median_ms.toFixed(0)} ms`,
);
if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
