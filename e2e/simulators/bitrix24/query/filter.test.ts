import { describe, expect, it } from 'vitest';
import { compileFilter, splitKey, type FieldResolver } from './filter';

interface Row { id: number; name: string | null; phones: string[]; modified: number }
const rows: Row[] = [
  { id: 1, name: 'Иван', phones: ['+79990000001'], modified: Date.parse('2025-01-01T10:00:00+03:00') },
  { id: 2, name: 'Мария', phones: ['+79990000002', '+79990000003'], modified: Date.parse('2025-01-02T10:00:00+03:00') },
  { id: 3, name: null, phones: [], modified: Date.parse('2025-01-03T10:00:00+03:00') },
];
const resolve: FieldResolver<Row> = (n) =>
  n === 'ID' ? { kind: 'number', get: (r) => r.id } : n === 'NAME' ? { kind: 'string', get: (r) => r.name } : n === 'PHONE' ? { kind: 'string', get: (r) => r.phones } : n === 'DATE_MODIFY' ? { kind: 'datetime', get: (r) => r.modified } : undefined;
const ids = (filter: unknown, allowLogic = false): number[] => rows.filter(compileFilter(filter, resolve, { allowLogic, offset: '+03:00' })).map((r) => r.id);

describe('filter prefixes (ref §4.3)', () => {
  it('parses the longest prefix first', () => {
    expect(splitKey('!@ID')).toEqual({ op: 'nin', field: 'ID' });
    expect(splitKey('!=%NAME')).toEqual({ op: 'nlikeRaw', field: 'NAME' });
    expect(splitKey('>=DATE_MODIFY')).toEqual({ op: 'ge', field: 'DATE_MODIFY' });
    expect(splitKey('NAME')).toEqual({ op: 'eq', field: 'NAME' });
  });

  it('equality is the default, case-insensitive, and numeric strings compare as numbers', () => {
    expect(ids({ NAME: 'иван' })).toEqual([1]);
    expect(ids({ '=ID': '2' })).toEqual([2]);
    expect(ids({ '!ID': 2 })).toEqual([1, 3]);
    expect(ids({ '!=ID': 2 })).toEqual([1, 3]);
  });

  it('ranges on numbers and on datetimes in several formats', () => {
    expect(ids({ '>ID': 1 })).toEqual([2, 3]);
    expect(ids({ '>=ID': 2, '<ID': 3 })).toEqual([2]);
    expect(ids({ '<=ID': 1 })).toEqual([1]);
    expect(ids({ '>DATE_MODIFY': '2025-01-01T10:00:00+03:00' })).toEqual([2, 3]);
    expect(ids({ '>=DATE_MODIFY': '2025-01-02 10:00:00' })).toEqual([2, 3]); // portal zone (ref §10 Disagreement)
    expect(ids({ '<DATE_MODIFY': '2025-01-02' })).toEqual([1]);
    expect(ids({ '>DATE_MODIFY': '02.01.2025' })).toEqual([2, 3]);
  });

  it('IN / NOT IN with @ and !@, and arrays under = and !', () => {
    expect(ids({ '@ID': [1, 3] })).toEqual([1, 3]);
    expect(ids({ '!@ID': [1, 3] })).toEqual([2]);
    expect(ids({ ID: [2, 3] })).toEqual([2, 3]);
    expect(ids({ '!ID': [2, 3] })).toEqual([1]);
  });

  it('LIKE variants', () => {
    expect(ids({ '%NAME': 'ари' })).toEqual([2]);
    expect(ids({ '=%NAME': 'ив%' })).toEqual([1]);
    expect(ids({ '%=NAME': '%я' })).toEqual([2]);
    expect(ids({ '!%NAME': 'ари' })).toEqual([1, 3]);
    expect(ids({ '!=%NAME': 'ив%' })).toEqual([2, 3]);
  });

  it('multi-valued fields match on any value, exactly', () => {
    expect(ids({ PHONE: '+79990000003' })).toEqual([2]);
    expect(ids({ PHONE: '79990000003' })).toEqual([]);
    expect(ids({ '!PHONE': '+79990000003' })).toEqual([1, 3]);
  });

  it('empty values', () => {
    expect(ids({ NAME: '' })).toEqual([3]);
    expect(ids({ '!NAME': '' })).toEqual([1, 2]);
  });

  it('logic OR and nested groups only where allowed; unknown fields are ignored', () => {
    const f = { logic: 'OR', 0: { ID: 1 }, 1: { NAME: 'Мария' } };
    expect(ids(f, true)).toEqual([1, 2]);
    expect(ids(f, false)).toEqual([1, 2, 3]);
    expect(ids({ UNKNOWN: 'x' })).toEqual([1, 2, 3]);
  });
});
