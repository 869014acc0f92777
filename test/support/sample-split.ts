import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE } from './files';

/** The sample's CSV files cut into `groups` employer groups (employer i in group i mod groups), as texts by file name. */
export function sampleSplit(groups: number): Record<string, string>[] {
  const lines = (f: string) => readFileSync(path.join(SAMPLE, f), 'utf8').trimEnd().split('\n');
  const ids = lines('employers.csv')
    .slice(1)
    .map((l) => l.split(',')[0] ?? '');
  return Array.from({ length: groups }, (_, g) => {
    const mine = new Set(ids.filter((_, i) => i % groups === g));
    const files: Record<string, string> = {};
    for (const [file, column] of [
      ['employers.csv', 0],
      ['hires.csv', 1],
      ['training.csv', 1],
    ] as const) {
      const [header, ...rows] = lines(file);
      files[file] = `${[header, ...rows.filter((l) => mine.has(l.split(',')[column] ?? ''))].join('\n')}\n`;
    }
    return files;
  });
}
