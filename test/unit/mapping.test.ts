import { describe, expect, it } from 'vitest';
import { detectEncoding, utf8Evidence } from '../../src/ingest/decode';
import { headerSignature, mappingProblems, nameSimilarity, suggestMapping } from '../../src/ingest/mapping';

describe('suggesting a column mapping', () => {
  it('finds employer ids by their values when the name says nothing', () => {
    const header = ['Account', 'Sector', 'Go-live'];
    const rows = [
      ['ACME-1', 'Retail', '2024-01-05'],
      ['ACME-2', 'Energy', ''],
    ];
    const { mapping, reasons } = suggestMapping(header, rows, new Set(['ACME-1', 'ACME-2']));
    expect(mapping.table).toBe('employers');
    expect(mapping.columns.employer_id).toBe('Account');
    expect(reasons.employer_id).toBe('content');
    expect(mapping.columns.industry).toBe('Sector');
  });

  it('does not give a date column to a name that fits but values that do not', () => {
    const header = ['Enrollment', 'Employer', 'Course', 'Start Date', 'Fee'];
    const rows = [['N1', 'E1', 'Welding', 'soon', '$900']];
    const { mapping } = suggestMapping(header, rows);
    expect(mapping.table).toBe('training');
    expect(mapping.columns.started_on).toBeUndefined();
    expect(mapping.columns.cost).toBe('Fee');
  });

  it('scores names: exact aliases 1, unrelated names low', () => {
    expect(nameSimilarity('LER?', 'ler_verified')).toBe(1);
    expect(nameSimilarity('Req Open Date', 'requisition_opened_on')).toBe(1);
    expect(nameSimilarity('Recruiter', 'person_id')).toBeLessThan(0.3);
  });

  it('names what stops a mapping: missing required columns and a column chosen twice', () => {
    expect(mappingProblems({ table: 'employers', columns: {} }, ['a'])).toEqual(['Choose a column for employer_id (required).']);
    expect(mappingProblems({ table: 'employers', columns: { employer_id: 'a', region: 'a' } }, ['a'])).toEqual([
      '"a" is chosen for both employer_id and region.',
    ]);
  });

  it('signs a header by its names in order, ignoring a BOM and surrounding spaces', () => {
    expect(headerSignature(['\uFEFFA ', ' B'])).toBe(headerSignature(['A', 'B']));
    expect(headerSignature(['B', 'A'])).not.toBe(headerSignature(['A', 'B']));
  });
});

describe('detecting the encoding', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('trusts byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8-bom');
    expect(detectEncoding(bytes(0xff, 0xfe, 0x41, 0))).toBe('utf-16le');
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x41))).toBe('utf-16be');
  });
  it('reads é as 0xE9 as Windows-1252, and as C3 A9 as UTF-8', () => {
    expect(detectEncoding(bytes(0x43, 0x61, 0x66, 0xe9, 0x0a))).toBe('windows-1252');
    expect(detectEncoding(bytes(0x43, 0x61, 0x66, 0xc3, 0xa9, 0x0a))).toBe('utf-8');
  });
  it('keeps a UTF-8 file with one damaged byte as UTF-8', () => {
    expect(utf8Evidence(bytes(0xc3, 0xa9, 0xff))).toEqual({ valid: 1, invalid: 1 });
    expect(detectEncoding(bytes(0xc3, 0xa9, 0xff))).toBe('utf-8');
  });
  it('does not count a character cut by the end of the head against UTF-8', () => {
    expect(detectEncoding(bytes(0x41, 0xe2, 0x82))).toBe('utf-8');
  });
});
