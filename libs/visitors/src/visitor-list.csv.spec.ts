import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@fair/core';
import { readVisitorCsv } from './visitor-list.csv';

const header = 'name,email,country,visitor_type,company,sectors,lang\n';

describe('visitor list CSV', () => {
  it('reads good rows', () => {
    const rows = readVisitorCsv(header + 'Tanaka Ken,ken@example.jp,jp,importer,Osaka Trading,mechanical|electronics,en\n', new Set());
    expect(rows).toEqual([
      expect.objectContaining({ line: 2, name: 'Tanaka Ken', country: 'JP', visitorType: 'importer', sectors: ['mechanical', 'electronics'], lang: 'en' }),
    ]);
  });

  it('reports every bad row by line, including duplicates and registered emails', () => {
    const csv =
      header +
      'A,a@x.vn,VN,general,,,\n' +
      ',bad-email,Vietnam,buyer,,,fr\n' +
      'B,A@x.vn,VN,press,,,\n' +
      'C,c@x.vn,VN,press,,,\n';
    try {
      readVisitorCsv(csv, new Set(['c@x.vn']));
      throw new Error('no error');
    } catch (err) {
      const e = err as DomainError;
      expect(e.code).toBe('CSV_ROWS_INVALID');
      const rows = (e.details as { rows: { line: number; field: string }[] }).rows;
      expect(rows.filter((r) => r.line === 3).map((r) => r.field).sort()).toEqual(['country', 'email', 'lang', 'name', 'visitor_type']);
      expect(rows.find((r) => r.line === 4)?.field).toBe('email');
      expect(rows.find((r) => r.line === 5)?.field).toBe('email');
      expect(rows.some((r) => r.line === 2)).toBe(false);
    }
  });
});
