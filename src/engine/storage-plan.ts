/**
 * The one database file in this origin's private file system (OPFS); attaching a second one does not
 * work in 1.32 (https://github.com/duckdb/duckdb-wasm/issues/2192).
 */
export const STORED_DATABASE = 'ler-outcomes.duckdb';
const STORED_FILES = [STORED_DATABASE, `${STORED_DATABASE}.wal`];
/** OPFS access handles are exclusive: one tab owns the stored data, others work in memory. */
const DATABASE_LOCK = 'ler-outcomes-database';
/** Below this much free quota a load could fail half-way through a write, so the data stays in memory. */
const MIN_FREE_BYTES = 200 * 1024 * 1024;
const LOCK_WAIT_MS = 4000;
/** Where this tab keeps its data, with the lock on the stored files when it keeps them. */
export type StoragePlan = { kind: 'browser'; release: () => void } | { kind: 'memory'; reason: string | null };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Decides where data can be kept: OPFS when it exists, is free of other tabs and has room; memory otherwise, with the reason. */
export async function planStorage(wanted: 'browser' | 'memory'): Promise<StoragePlan> {
  if (wanted === 'memory') return { kind: 'memory', reason: null };
  if (typeof navigator.storage?.getDirectory !== 'function' || !navigator.locks)
    return {
      kind: 'memory',
      reason: 'This browser offers no private file storage (OPFS), so loaded data lasts only while this tab is open.',
    };
  const estimate = await navigator.storage.estimate().catch(() => ({ quota: undefined, usage: undefined }));
  if (estimate.quota !== undefined && estimate.quota - (estimate.usage ?? 0) < MIN_FREE_BYTES)
    return {
      kind: 'memory',
      reason: `The browser's storage for this site is nearly full (${megabytes(estimate.quota - (estimate.usage ?? 0))} free), so loaded data lasts only while this tab is open.`,
    };
  // Wait a little: on a reload the previous page may still be letting go of the lock and the files.
  const release = await new Promise<(() => void) | null>((resolve) => {
    navigator.locks
      .request(DATABASE_LOCK, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, () => new Promise<void>((done) => resolve(done)))
      .catch(() => resolve(null));
  });
  if (!release)
    return { kind: 'memory', reason: 'Another tab of this app has the stored data open, so this tab keeps its data in memory only.' };
  void navigator.storage.persist?.().catch(() => false);
  return { kind: 'browser', release };
}

/** How long erasing waits for the stopped engine's file handles to be let go. */
const ERASE_WAIT_MS = 5000;

/**
 * Deletes the stored database files; missing files are fine. A file whose handle the just-terminated
 * engine worker still holds cannot be removed until the browser lets go of it, which it does shortly
 * after: such a removal is tried again for a few seconds before it counts as failed.
 */
export async function eraseStoredFiles(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  const deadline = performance.now() + ERASE_WAIT_MS;
  for (const name of STORED_FILES) {
    for (;;) {
      const outcome = await root.removeEntry(name).then(
        () => 'removed' as const,
        (err: unknown) => (err instanceof DOMException && err.name === 'NotFoundError' ? ('removed' as const) : err),
      );
      if (outcome === 'removed') break;
      if (!(outcome instanceof DOMException) || performance.now() > deadline) throw outcome;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
