import type { Filters } from '../../src/metrics/filters';
import type { UpskillingAssumptions } from '../../src/metrics/upskilling';

/** The filter and setting states whose results@1 on the sample are kept in sample-results.json. */
export interface GoldenCase {
  name: string;
  filters: Filters;
  asOf: string | null;
  k: number;
  assumptions?: UpskillingAssumptions;
}

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'no filters', filters: {}, asOf: null, k: 10 },
  { name: 'one industry', filters: { industry: ['Healthcare'] }, asOf: null, k: 10 },
  { name: 'two occupations', filters: { occupation: ['Sales and Related', 'Healthcare Support'] }, asOf: null, k: 10 },
  { name: 'industry and occupation', filters: { industry: ['Retail', 'Manufacturing'], occupation: ['Production'] }, asOf: null, k: 10 },
  { name: 'three employers', filters: { employer_id: ['E001', 'E011', 'E037'] }, asOf: null, k: 10 },
  { name: 'region and size band', filters: { region: ['TN', 'NY', 'IN'], size_band: ['250-999', '1000+'] }, asOf: null, k: 10 },
  { name: 'requisition period by day', filters: { period: { from: '2023-02-15', to: '2024-11-20' } }, asOf: null, k: 10 },
  { name: 'requisition period by quarter', filters: { period: { from: '2023-01-01', to: '2024-12-31' } }, asOf: null, k: 10 },
  { name: 'earlier as-of date', filters: {}, asOf: '2024-06-30', k: 10 },
  { name: 'k = 1', filters: { industry: ['Retail'] }, asOf: null, k: 1 },
  { name: 'k = 60', filters: { region: ['NC'] }, asOf: null, k: 60 },
  {
    name: 'assumptions changed',
    filters: {},
    asOf: null,
    k: 10,
    assumptions: { lerCostPerCredential: 25, internalFillSaving: 3000, replacementCostShare: 0.3 },
  },
  { name: 'nothing matches', filters: { industry: ['no such industry'] }, asOf: null, k: 10 },
];
