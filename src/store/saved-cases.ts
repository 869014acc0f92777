import { browserList } from './browser-list';
import { STORAGE_PREFIX } from './browser-storage';
import type { CaseSettings } from './business-case-slice';

/** A named business case kept in this browser: inputs and overrides only, never data. */
export interface SavedCase {
  name: string;
  savedAt: string;
  settings: CaseSettings;
}

export const savedCases = browserList<SavedCase>(`${STORAGE_PREFIX}saved-cases@1`, (c): c is SavedCase => {
  const item = c as Partial<SavedCase> | null;
  return typeof item?.name === 'string' && typeof item.settings?.inputs === 'object';
});
