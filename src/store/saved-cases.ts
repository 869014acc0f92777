import type { CaseSettings } from './business-case-slice';

/** A named business case kept in this browser (localStorage): inputs and overrides only, never data. */
export interface SavedCase {
  name: string;
  savedAt: string;
  settings: CaseSettings;
}

const KEY = 'ler-outcomes/saved-cases@1';

/** The saved cases, newest first; anything unreadable is ignored rather than thrown. */
export function readSavedCases(storage: Storage = localStorage): SavedCase[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((c): c is SavedCase => typeof c?.name === 'string' && typeof c?.settings?.inputs === 'object') : [];
  } catch {
    return [];
  }
}

/** Saves a case under a name, replacing one of the same name. */
export function saveCase(name: string, settings: CaseSettings, storage: Storage = localStorage): SavedCase[] {
  const cases = [{ name, savedAt: new Date().toISOString(), settings }, ...readSavedCases(storage).filter((c) => c.name !== name)];
  storage.setItem(KEY, JSON.stringify(cases));
  return cases;
}

/** Removes a saved case by name. */
export function deleteCase(name: string, storage: Storage = localStorage): SavedCase[] {
  const cases = readSavedCases(storage).filter((c) => c.name !== name);
  storage.setItem(KEY, JSON.stringify(cases));
  return cases;
}
