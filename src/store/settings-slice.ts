import type { StateCreator } from 'zustand';
import { DEFAULT_K } from '../metrics/settings';

export interface SettingsSlice {
  /** The as-of date the user chose; null means the latest date in the data. */
  asOfOverride: string | null;
  suppressionK: number;
  setAsOfOverride: (asOf: string | null) => void;
  setSuppressionK: (k: number) => void;
}

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  asOfOverride: null,
  suppressionK: DEFAULT_K,
  setAsOfOverride: (asOfOverride) => set({ asOfOverride }),
  setSuppressionK: (k) => set({ suppressionK: Number.isInteger(k) && k >= 1 ? k : DEFAULT_K }),
});
