import { describe, expect, it } from 'vitest';
import { substitute, type BatchResults } from './references';

const r: BatchResults = {
  result: { a: 15, b: { ID: '7', EMAIL: [{ VALUE: 'x@y.ru' }] }, list: [{ ID: '3' }], item: { item: { id: 9 } }, page: { items: Array.from({ length: 50 }, (_, i) => ({ id: i + 100 })) } },
  result_error: {}, result_total: { list: 120 }, result_next: { list: 50 }, result_time: {},
};

describe('batch $result references (ref §3.4)', () => {
  it('resolves scalars, list rows, crm.item and page tails', () => {
    expect(substitute('$result[a]', r)).toBe('15');
    expect(substitute('$result[b][ID]', r)).toBe('7');
    expect(substitute('$result[list][0][ID]', r)).toBe('3');
    expect(substitute('$result[item][item][id]', r)).toBe('9');
    expect(substitute('$result[page][items][49][id]', r)).toBe('149');
    expect(substitute('$result_total[list]', r)).toBe('120');
    expect(substitute('$result_next[list]', r)).toBe('50');
  });

  it('splices inside text, substitutes structures when the whole value is a reference, blanks missing ones', () => {
    expect(substitute('Deal for contact #$result[a]', r)).toBe('Deal for contact #15');
    expect(substitute('$result[b][EMAIL]', r)).toEqual([{ VALUE: 'x@y.ru' }]);
    expect(substitute('$result[nope][ID]', r)).toBe('');
    expect(substitute({ filter: { '>ID': '$result[list][0][ID]' }, ids: ['$result[a]'] }, r)).toEqual({ filter: { '>ID': '3' }, ids: ['15'] });
  });
});
