/**
 * Memory of the tab: the DuckDB worker's wasm linear memory and JS heap (read over CDP in the worker
 * itself: the page holds no handle to the engine), and the renderer process's peak resident set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

export interface WorkerMemory {
  /** The engine's wasm linear memory (it grows and never shrinks, so this is its peak); null if unreadable. */
  wasm_mb: number | null;
  js_heap_mb: number;
}

interface CdpReply {
  id?: number;
  result?: Record<string, unknown> & { result?: { objectId?: string; value?: unknown }; objects?: { objectId?: string } };
  error?: { message: string };
}

const MB = 1024 * 1024;

/**
 * Attaches to the page's dedicated workers over CDP. Playwright's CDPSession cannot address child
 * sessions, so this uses the non-flat protocol: messages to a worker are wrapped in Target.sendMessageToTarget.
 */
export class WorkerProbe {
  private readonly workers: string[] = [];
  private readonly pending = new Map<number, (reply: CdpReply) => void>();
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker') this.workers.push(event.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const reply = JSON.parse(event.message) as CdpReply;
      if (reply.id !== undefined) this.pending.get(reply.id)?.(reply);
    });
  }

  /** Must run before the page starts its worker. */
  static async attach(page: Page): Promise<WorkerProbe> {
    const cdp = await page.context().newCDPSession(page);
    const probe = new WorkerProbe(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return probe;
  }

  private async send(sessionId: string, method: string, params: Record<string, unknown>): Promise<CdpReply['result']> {
    const id = this.nextId++;
    const reply = new Promise<CdpReply>((resolve) => this.pending.set(id, resolve));
    // Not in playwright-core's protocol typings: deprecated, but the only way to reach a child session here.
    await (this.cdp.send as (m: string, p: object) => Promise<unknown>)('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const timeout = new Promise<CdpReply>((resolve) =>
      setTimeout(() => resolve({ error: { message: 'no reply in 10 s' } }), 10_000).unref(),
    );
    const { result, error } = await Promise.race([reply, timeout]);
    this.pending.delete(id);
    if (error) throw new Error(`${method}: ${error.message}`);
    return result;
  }

  /** The last attached worker (the DuckDB worker is the app's only one). */
  async read(): Promise<WorkerMemory | null> {
    const worker = this.workers.at(-1);
    if (!worker) return null;
    // DuckDB-WASM's worker publishes its bindings as globalThis.DUCKDB_BINDINGS; `mod` is the Emscripten module.
    const wasm = await this.send(worker, 'Runtime.evaluate', {
      expression: 'globalThis.DUCKDB_BINDINGS?.mod?.HEAPU8?.buffer.byteLength ?? null',
      returnByValue: true,
    });
    const heap = await this.send(worker, 'Runtime.getHeapUsage', {});
    const bytes = wasm?.result?.value;
    return { wasm_mb: typeof bytes === 'number' ? bytes / MB : null, js_heap_mb: Number(heap?.usedSize ?? 0) / MB };
  }
}

function parentOf(pid: string): string | null {
  try {
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

function descendants(root: number): string[] {
  const children = new Map<string, string[]>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const parent = parentOf(pid);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out: string[] = [];
  const queue = [String(root)];
  while (queue.length > 0) {
    const pid = queue.shift() ?? '';
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Peak resident set (VmHWM) of the largest Chromium renderer started by this process: page, worker and wasm together. */
export function rendererPeakRssMb(): number | null {
  let peakKb: number | null = null;
  for (const pid of descendants(process.pid)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) peakKb = Math.max(peakKb ?? 0, kb);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return peakKb === null ? null : peakKb / 1024;
}
