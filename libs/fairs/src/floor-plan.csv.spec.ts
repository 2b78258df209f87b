import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@fair/core';
import { readFloorPlanCsv, writeFloorPlanCsv } from './floor-plan.csv';
import { referenceFloorPlan, REFERENCE_COUNTS } from './reference-fair';

const header = 'hall,code,kind,area_m2,corner,price_vnd,x,y,width,height';

function rowsOf(err: unknown): { line: number; field?: string }[] {
  expect(err).toBeInstanceOf(DomainError);
  return (err as DomainError).details!.rows as { line: number; field?: string }[];
}

describe('floor plan CSV', () => {
  it('reads good rows', () => {
    const rows = readFloorPlanCsv(`${header}\nA,A01,international,9,yes,52000000,0,0,3,3\nA,A02,domestic,9,no,16000000,3,0,3,3\n`, new Set());
    expect(rows.map((r) => [r.code, r.kind, r.isCorner, r.priceVnd])).toEqual([
      ['A01', 'international', true, 52000000],
      ['A02', 'domestic', false, 16000000],
    ]);
  });

  it('reports every bad row by line and field, and returns nothing', () => {
    const csv = [
      header,
      'A,A01,international,9,yes,1,0,0,3,3',
      'A,A01,international,9,yes,1,3,0,3,3', // duplicate code
      'A,A03,vip,9,yes,1,6,0,3,3', // bad kind
      'A,A04,domestic,-2,no,1,9,0,3,3', // bad area
      'A,A05,domestic,9,maybe,abc,9,0,0,3', // bad corner, price, width
      'A,EXIST,domestic,9,no,1,12,0,3,3', // exists already
    ].join('\n');
    let caught: unknown;
    try {
      readFloorPlanCsv(csv, new Set(['EXIST']));
    } catch (err) {
      caught = err;
    }
    const rows = rowsOf(caught);
    expect(new Set(rows.map((r) => r.line))).toEqual(new Set([3, 4, 5, 6, 7]));
    expect(rows.filter((r) => r.line === 6).map((r) => r.field).sort()).toEqual(['corner', 'price_vnd', 'width']);
  });

  it('refuses a file without the required columns', () => {
    expect(() => readFloorPlanCsv('hall,code\nA,A01\n', new Set())).toThrow(/Missing columns/);
  });

  it('round-trips the reference floor plan: 57 + 83 + 20 + 20 booths without overlaps', () => {
    const plan = referenceFloorPlan();
    const back = readFloorPlanCsv(writeFloorPlanCsv(plan), new Set());
    expect(back).toHaveLength(180);
    for (const kind of Object.keys(REFERENCE_COUNTS) as (keyof typeof REFERENCE_COUNTS)[]) {
      expect(back.filter((b) => b.kind === kind)).toHaveLength(REFERENCE_COUNTS[kind]);
    }
    for (let i = 0; i < plan.length; i++) {
      for (let j = i + 1; j < plan.length; j++) {
        const a = plan[i]!;
        const b = plan[j]!;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap ? `${a.code}/${b.code}` : null).toBeNull();
      }
    }
  });
});
