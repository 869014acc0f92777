/**
 * Functions that run inside the app's page (passed to page.evaluate, so each is self-contained: no
 * imports, no outer variables). Times are taken in the page with performance.now and DOM mutation
 * callbacks, so Playwright's round trips do not add to them.
 */

/** What ends a measurement. */
export type Until =
  /** The page's figures (everything in <main> but the filter bar) differ from before, and everything is settled. */
  | { kind: 'figures-changed' }
  /** An element's text contains a string, and everything is settled; `failSelector` appearing ends it as a failure. */
  | { kind: 'text'; selector: string; contains: string; failSelector?: string };

export interface WatchSpec {
  /** The user event whose timestamp starts the clock: the click on a checkbox or link, or the file input's change. */
  startEvent: 'click' | 'change';
  until: Until;
  timeoutMs: number;
}

export interface WatchResult {
  /** Start event → done (DOM updated), ms. */
  ms: number | null;
  /** Start event → first headline figure or figure table showing new values, ms. */
  kpiMs: number | null;
  failure: string | null;
  timedOut: boolean;
  /** The longest main-thread task (Long Tasks API, ≥ 50 ms) between the start event and done; 0 if none: how far the update blocked the UI. */
  longestTaskMs: number;
}

interface BenchWindow {
  __benchWatch?: Promise<WatchResult>;
  __benchHeapPeak?: number;
}

/**
 * Arms a watch: the clock starts at the next `startEvent` (its event timestamp) and stops at the first
 * DOM mutation after which `until` holds. "Settled" means every view in the page's main region is
 * done: none computing (a spinner) or updating (aria-busy), and every Recharts container has drawn
 * its SVG. The header's "Computing…" is not waited for: it also counts the background build of the
 * pre-aggregates, which is not part of what the user is looking at.
 */
export function armWatch(spec: WatchSpec): void {
  const main = document.querySelector('main');
  const regionText = () =>
    Array.from(main?.children ?? [])
      .filter((el) => !el.classList.contains('filter-bar'))
      .map((el) => el.textContent ?? '')
      .join('\n');
  const headlineTexts = () => Array.from(document.querySelectorAll('main dl.figures, main table.report')).map((el) => el.textContent ?? '');
  const chartsDrawn = () =>
    Array.from(document.querySelectorAll('.recharts-responsive-container')).every(
      (c) => Number(c.querySelector('svg.recharts-surface')?.getAttribute('width') ?? 0) > 0,
    );
  const settled = () => document.querySelector('main .spinner, main [aria-busy="true"]') === null && chartsDrawn();
  const baseline = regionText();
  const baselineHeadlines = new Set(headlineTexts());
  (window as unknown as BenchWindow).__benchWatch = new Promise<WatchResult>((resolve) => {
    let start: number | null = null;
    let kpiMs: number | null = null;
    let longestTaskMs = 0;
    const tasks = new PerformanceObserver((list) => {
      for (const task of list.getEntries())
        if (start !== null && task.startTime + task.duration >= start) longestTaskMs = Math.max(longestTaskMs, task.duration);
    });
    tasks.observe({ type: 'longtask' });
    const finish = (result: Omit<WatchResult, 'kpiMs' | 'longestTaskMs'>) => {
      observer.disconnect();
      clearTimeout(timer);
      // Long-task entries are delivered after the task ends: take those already queued before stopping.
      for (const task of tasks.takeRecords())
        if (start !== null && task.startTime + task.duration >= start) longestTaskMs = Math.max(longestTaskMs, task.duration);
      tasks.disconnect();
      resolve({ ...result, kpiMs: kpiMs ?? result.ms, longestTaskMs });
    };
    const check = () => {
      if (start === null) return;
      const elapsed = performance.now() - start;
      if (kpiMs === null && headlineTexts().some((t) => !baselineHeadlines.has(t))) kpiMs = elapsed;
      const until = spec.until;
      if (until.kind === 'text' && until.failSelector) {
        const failed = document.querySelector(until.failSelector);
        if (failed) return finish({ ms: elapsed, failure: (failed as HTMLElement).innerText.replace(/\s+/g, ' ').trim(), timedOut: false });
      }
      const reached =
        until.kind === 'figures-changed'
          ? regionText() !== baseline
          : (document.querySelector(until.selector)?.textContent ?? '').includes(until.contains);
      if (reached && settled()) finish({ ms: elapsed, failure: null, timedOut: false });
    };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish({ ms: null, failure: null, timedOut: true }), spec.timeoutMs);
    document.addEventListener(
      spec.startEvent,
      (event) => {
        start = event.timeStamp;
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      { capture: true, once: true },
    );
  });
}

/** The armed watch's result (resolves when it is done). */
export function watchResult(): Promise<WatchResult> | null {
  return (window as unknown as BenchWindow).__benchWatch ?? null;
}

/** Samples the page's JS heap (Chromium's performance.memory) every 50 ms, keeping the peak. */
export function startHeapSampler(): void {
  const w = window as unknown as BenchWindow;
  const used = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  w.__benchHeapPeak = used();
  setInterval(() => {
    w.__benchHeapPeak = Math.max(w.__benchHeapPeak ?? 0, used());
  }, 50);
}

export function heapPeak(): number {
  return (window as unknown as BenchWindow).__benchHeapPeak ?? 0;
}

/** Time since navigation start when the page first shows a headline figure (from the engine or from a saved snapshot). */
export function firstFigureAt(): number | null {
  const figures = Array.from(document.querySelectorAll('main dl.figures dd'));
  return figures.some((d) => /\d/.test(d.textContent ?? '')) ? performance.now() : null;
}

/** The app's start-up marks (src/app/startup-marks.ts), ms since navigation start. */
export function startupMarks(): Record<string, number> {
  const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('ler:'));
  return Object.fromEntries(marks.map((m) => [m.name.slice('ler:'.length), Math.round(m.startTime)]));
}

/**
 * Time since navigation start when the page is settled and `done` holds, polled every frame; with `marks`,
 * only once the app has passed those start-up steps (so that figures are the engine's, not a snapshot's).
 */
export function settledWith(expect: {
  articles: readonly string[];
  selector: string;
  contains: string;
  marks?: readonly string[];
}): number | null {
  if (!(expect.marks ?? []).every((mark) => performance.getEntriesByName(`ler:${mark}`).length > 0)) return null;
  const drawn = Array.from(document.querySelectorAll('.recharts-responsive-container')).every(
    (c) => Number(c.querySelector('svg.recharts-surface')?.getAttribute('width') ?? 0) > 0,
  );
  const articles = expect.articles.every((name) => document.querySelector(`article[aria-label="${name}"]`) !== null);
  const text = (document.querySelector(expect.selector)?.textContent ?? '').includes(expect.contains);
  return articles && text && drawn && document.querySelector('main .spinner, main [aria-busy="true"]') === null ? performance.now() : null;
}

/** True when nothing is pending, background work included (the header's indicator), and every chart is drawn. */
export function isSettled(): boolean {
  const drawn = Array.from(document.querySelectorAll('.recharts-responsive-container')).every(
    (c) => Number(c.querySelector('svg.recharts-surface')?.getAttribute('width') ?? 0) > 0,
  );
  return drawn && document.querySelector('.spinner') === null && (document.querySelector('main')?.textContent ?? '').length > 0;
}
