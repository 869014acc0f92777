/** Every key this app keeps in localStorage starts with this, so "Delete all data" can find them all. */
export const STORAGE_PREFIX = 'ler-outcomes/';
const SAMPLE_DECLINED = `${STORAGE_PREFIX}sample-declined`;

/** Removes every localStorage entry of this app (saved queries, scenarios, column mappings, preferences). */
export function eraseBrowserEntries(storage: Storage = localStorage): void {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
    (k): k is string => k?.startsWith(STORAGE_PREFIX) ?? false,
  );
  for (const key of keys) storage.removeItem(key);
}

/** Whether an empty app should load the sample data by itself: yes, until the user clears or deletes data. */
export function sampleWanted(storage?: Storage): boolean {
  try {
    return (storage ?? localStorage).getItem(SAMPLE_DECLINED) === null;
  } catch {
    return true;
  }
}

export function setSampleWanted(wanted: boolean, storage?: Storage): void {
  // Reading localStorage itself can throw (a sandboxed frame; no such thing outside a browser), so inside the try.
  try {
    if (wanted) (storage ?? localStorage).removeItem(SAMPLE_DECLINED);
    else (storage ?? localStorage).setItem(SAMPLE_DECLINED, '1');
  } catch {
    // Storage refused or missing (private mode, quota): the preference simply is not remembered.
  }
}
