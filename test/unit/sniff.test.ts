import { describe, expect, it } from 'vitest';
import { FileRejected, sniffFile } from '../../src/ingest/sniff';
import { fileOf } from '../support/files';

const HIRES_HEADER = ['hire_id', 'employer_id', 'requisition_opened_on', 'offer_accepted_on', 'started_on', 'ler_verified'];

describe('sniffing a file', () => {
  it.each([',', ';', '\t', '|'])('finds the %j delimiter', async (delimiter) => {
    const text = `${HIRES_HEADER.join(delimiter)}\nH1${delimiter}E1${delimiter}2024-01-01${delimiter}2024-02-01${delimiter}2024-02-10${delimiter}yes\n`;
    const sniffed = await sniffFile(fileOf('h.csv', text));
    expect(sniffed.delimiter).toBe(delimiter);
    expect(sniffed.table.kind).toBe('hires');
    expect(sniffed.columns.map((c) => c.name)).toEqual(HIRES_HEADER);
  });

  it('rejects an empty file', async () => {
    await expect(sniffFile(fileOf('e.csv', ''))).rejects.toThrow(new FileRejected('The file is empty.'));
  });

  it('rejects a file it cannot recognise, naming what it found', async () => {
    await expect(sniffFile(fileOf('x.csv', 'name,salary\nA,1\n'))).rejects.toThrow(
      /needs employer_id, hire_id or enrollment_id\. Found: name, salary/,
    );
  });

  it('names every missing required column', async () => {
    await expect(sniffFile(fileOf('h.csv', 'hire_id,employer_id,started_on\n'))).rejects.toThrow(
      'Read as hires, but required columns are missing: requisition_opened_on, offer_accepted_on, ler_verified.',
    );
  });
});
