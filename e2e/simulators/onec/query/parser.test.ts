import { describe, expect, it } from 'vitest';
import { likeToRegExp } from './functions';
import { parseFilter, parseOrderBy, SyntaxError1C } from './parser';

describe('$filter parser', () => {
  it('respects precedence: not > comparison > and > or, with parentheses', () => {
    const e = parseFilter("A eq 1 or B eq 2 and not (C eq 'x')");
    expect(e).toMatchObject({ t: 'bin', op: 'or', r: { t: 'bin', op: 'and', r: { t: 'not' } } });
  });

  it('reads typed literals, doubled quotes, Cyrillic paths and lambdas', () => {
    expect(parseFilter("Описание eq 'O''Brien'")).toMatchObject({ r: { t: 'lit', v: { k: 'str', v: "O'Brien" } } });
    expect(parseFilter("Ref_Key eq guid'00000000-0000-0000-0000-000000000000'")).toMatchObject({
      r: { t: 'lit', v: { k: 'typed', kind: 'guid' } },
    });
    expect(parseFilter('Контрагент/ИНН eq \'1\'')).toMatchObject({ l: { t: 'path', segs: ['Контрагент', 'ИНН'] } });
    expect(parseFilter('Товары/any(d: d/Цена gt 10000)')).toMatchObject({
      t: 'lambda',
      kind: 'any',
      source: ['Товары'],
      variable: 'd',
      body: { t: 'bin', op: 'gt' },
    });
  });

  it('rejects broken syntax', () => {
    expect(() => parseFilter("Description eq 'unterminated")).toThrow(SyntaxError1C);
    expect(() => parseFilter('Description eq')).toThrow(SyntaxError1C);
    expect(() => parseFilter("Description+eq+'x'")).toThrow(SyntaxError1C); // '+' is not a space (ref §1.11)
  });

  it('parses $orderby lists', () => {
    expect(parseOrderBy('Date desc, Number asc, Контрагент/ИНН').map((i) => i.desc)).toEqual([true, false, false]);
  });

  it('translates 1С like patterns', () => {
    expect(likeToRegExp('Ив%').test('Иванов')).toBe(true);
    expect(likeToRegExp('_ван%').test('Иванов')).toBe(true);
    expect(likeToRegExp('[АБ]%').test('Борисов')).toBe(true);
    expect(likeToRegExp('[АБ]%').test('Волков')).toBe(false);
  });
});
