import { describe, expect, it } from 'vitest';
import { EMPLOYERS, HIRES, normaliseHeader, recogniseTable, TRAINING } from '../../src/ingest/contract';
import { nameColumns } from '../../src/ingest/sniff';

describe('recognising a file by its header', () => {
  it.each([
    [['employer_id', 'industry'], EMPLOYERS],
    [['hire_id', 'employer_id', 'started_on'], HIRES],
    [['enrollment_id', 'employer_id', 'program'], TRAINING],
    [['\uFEFFHire ID ', 'Employer ID'], HIRES],
    [['name', 'salary'], null],
  ])('%j is %s', (header, table) => {
    expect(recogniseTable(header)).toBe(table);
  });

  it('normalises case, spaces and a byte-order mark', () => {
    expect(normaliseHeader('\uFEFF  Requisition Opened  On ')).toBe('requisition_opened_on');
  });
});

describe('naming columns', () => {
  it('keeps contract names, makes extras unique and names empty headers', () => {
    const { columns, notes } = nameColumns(['hire_id', 'Badge', 'badge', '', 'hire_id', 'EMPLOYER_ID'], HIRES);
    expect(columns.map((c) => [c.name, c.known])).toEqual([
      ['hire_id', true],
      ['Badge', false],
      ['badge_2', false],
      ['column_4', false],
      ['hire_id_2', false],
      ['employer_id', true],
    ]);
    expect(notes).toEqual(['Column 5 repeats "hire_id"; the first one is used, this one is kept as an extra column.']);
  });
});
