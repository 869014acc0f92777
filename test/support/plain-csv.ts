import { readFileSync } from 'node:fs';

/** Reads a simple CSV (no quoted fields, as the sample files are) into records of strings, without the product's code. */
export function readPlainCsv(filePath: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(filePath, 'utf8').trim().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

const MS_PER_DAY = 86_400_000;
/** Whole days since 1970-01-01 for an ISO date. */
export const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;

/** Quantile by linear interpolation between order statistics (R type 7). */
export function quantileType7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = sorted[Math.floor(h)] ?? Number.NaN;
  const hi = sorted[Math.ceil(h)] ?? Number.NaN;
  return lo + (h - Math.floor(h)) * (hi - lo);
}

/** Kaplan-Meier S(t) by walking the distinct event times, from (time, event) pairs. */
export function kaplanMeierAt(subjects: readonly { time: number; event: boolean }[], t: number): number {
  const times = [...new Set(subjects.filter((s) => s.event && s.time <= t).map((s) => s.time))].sort((a, b) => a - b);
  let survival = 1;
  for (const time of times) {
    const atRisk = subjects.filter((s) => s.time >= time).length;
    const deaths = subjects.filter((s) => s.event && s.time === time).length;
    survival *= 1 - deaths / atRisk;
  }
  return survival;
}
