import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve('test/fixtures');
export const SAMPLE = path.resolve('data/sample');
export const SAMPLE_FILES = ['employers.csv', 'hires.csv', 'training.csv'].map((f) => path.join(SAMPLE, f));

/** A file from disk as the browser's File, which Node 20 also has. */
export function fileFrom(filePath: string): File {
  return new File([readFileSync(filePath)], path.basename(filePath), { type: 'text/csv' });
}

/** A File made from text, for inline fixtures. */
export function fileOf(name: string, text: string | Uint8Array<ArrayBuffer>): File {
  return new File([text], name, { type: 'text/csv' });
}
