import type { StateCreator } from 'zustand';
import type { Filters } from '../metrics/filters';
import { DEFAULT_K } from '../metrics/settings';
import { DEFAULT_UPSKILLING_ASSUMPTIONS, type UpskillingAssumptions } from '../metrics/upskilling';

export interface SettingsSlice {
  /** The as-of date the user chose; null means the latest date in the data. */
  asOfOverride: string | null;
  suppressionK: number;
  filters: Filters;
  upskillingAssumptions: UpskillingAssumptions;
  setFilters: (filters: Filters) => void;
  setUpskillingAssumptions: (change: Partial<UpskillingAssumptions>) => void;
  setAsOfOverride: (asOf: string | null) => void;
  setSuppressionK: (k: number) => void;
}

export const createSettingsSlice: StateCreator<SettingsSlice, [], [], SettingsSlice> = (set) => ({
  asOfOverride: null,
  suppressionK: DEFAULT_K,
  filters: {},
  upskillingAssumptions: DEFAULT_UPSKILLING_ASSUMPTIONS,
  setFilters: (filters) => set({ filters }),
  setUpskillingAssumptions: (change) => set((s) => ({ upskillingAssumptions: { ...s.upskillingAssumptions, ...change } })),
  setAsOfOverride: (asOfOverride) => set({ asOfOverride }),
  setSuppressionK: (k) => set({ suppressionK: Number.isInteger(k) && k >= 1 ? k : DEFAULT_K }),
});
