import { describe, expect, it } from 'vitest';
import { isoToNaive, naiveToIso, refOrNull, toInt, toMoney, toQuantity } from './convert';
import { OnecMappingError } from './errors';
import { buildQuery, castLiteral, entityPath, stringLiteral } from './query';
import { parseServiceUrl } from './service-url';
import { basicAuthHeader } from './transport';

describe('value conversions (ref §1.4)', () => {
  it('reads Edm.Int64 sent as a JSON string and refuses garbage', () => {
    expect(toInt('1')).toBe(1);
    expect(toInt(42)).toBe(42);
    expect(() => toInt('1.5', 'LineNumber')).toThrow(OnecMappingError);
  });

  it('rounds Edm.Double money to 2 and quantities to 3 decimals', () => {
    expect(toMoney(0.1 + 0.2)).toBe(0.3);
    expect(toMoney('1 500,50')).toBe(1500.5);
    expect(toQuantity(0.35000000001)).toBe(0.35);
    expect(toMoney(null)).toBe(0);
  });

  it('treats the empty reference as no reference', () => {
    expect(refOrNull('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(refOrNull('ABCDEF01-0000-4000-8000-000000000001')).toBe('abcdef01-0000-4000-8000-000000000001');
    expect(refOrNull('')).toBeNull();
  });

  it('attaches the store zone to naive dates and back', () => {
    expect(naiveToIso('2024-01-01T10:00:00', 'Europe/Moscow')).toBe('2024-01-01T10:00:00+03:00');
    expect(naiveToIso('2024-07-01T10:00:00', 'Asia/Yekaterinburg')).toBe('2024-07-01T10:00:00+05:00');
    expect(naiveToIso('0001-01-01T00:00:00', 'Europe/Moscow')).toBeNull();
    expect(isoToNaive('2024-01-01T07:00:00Z', 'Europe/Moscow')).toBe('2024-01-01T10:00:00');
    expect(isoToNaive('2024-01-01T10:00:00+03:00', 'Asia/Yekaterinburg')).toBe('2024-01-01T12:00:00');
  });

  it('handles daylight-saving zones both ways', () => {
    expect(naiveToIso('2024-07-01T12:00:00', 'Europe/Berlin')).toBe('2024-07-01T12:00:00+02:00');
    expect(naiveToIso('2024-12-01T12:00:00', 'Europe/Berlin')).toBe('2024-12-01T12:00:00+01:00');
    // 02:30 does not exist on 2024-03-31 in Berlin: moved forward like a clock.
    expect(naiveToIso('2024-03-31T02:30:00', 'Europe/Berlin')).toBe('2024-03-31T03:30:00+02:00');
    for (const naive of ['2024-03-31T01:59:59', '2024-10-27T01:00:00', '2024-10-27T04:00:00']) {
      expect(isoToNaive(naiveToIso(naive, 'Europe/Berlin') as string, 'Europe/Berlin')).toBe(naive);
    }
  });
});

describe('URL syntax (ref §1.5, §1.11)', () => {
  it('percent-encodes Cyrillic names as UTF-8 and keeps key syntax', () => {
    expect(entityPath('Catalog_ФизическиеЛица', 'ABCDEF01-0000-4000-8000-000000000001')).toBe(
      `${encodeURIComponent('Catalog_ФизическиеЛица')}(guid'abcdef01-0000-4000-8000-000000000001')`,
    );
  });

  it('always sends $format=json and $select, encodes spaces as %20 and never as +', () => {
    const q = buildQuery({ select: ['Ref_Key', 'Наименование'], filter: "Description eq 'a+b'", top: 5 });
    expect(q.startsWith('?$format=json&$select=')).toBe(true);
    expect(q).toContain('%20eq%20');
    expect(q).not.toContain('+');
    expect(q).toContain('$top=5');
    expect(() => buildQuery({ select: [] })).toThrow(OnecMappingError);
  });

  it('doubles quotes in string literals and casts composite values', () => {
    expect(stringLiteral("O'Brien")).toBe("'O''Brien'");
    expect(castLiteral('abcdef01-0000-4000-8000-000000000001', 'Catalog_ФизическиеЛица')).toBe(
      "cast(guid'abcdef01-0000-4000-8000-000000000001', 'Catalog_ФизическиеЛица')",
    );
  });
});

describe('service address', () => {
  it('normalises a good address and keeps Cyrillic publication names', () => {
    const r = parseServiceUrl(' http://srv:8080/розница/odata/standard.odata ');
    expect(r.ok && r.url).toBe(`http://srv:8080/${encodeURIComponent('розница')}/odata/standard.odata/`);
  });

  it('refuses credentials in the address', () => {
    const r = parseServiceUrl('http://user:pw@srv/retail/odata/standard.odata');
    expect(r.ok).toBe(false);
  });
});

describe('Basic auth', () => {
  it('encodes a Cyrillic user name as UTF-8, not cp1251 (ref §1.2)', () => {
    const header = basicAuthHeader('Администратор', 'пароль');
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64');
    expect(decoded.toString('utf8')).toBe('Администратор:пароль');
    expect(decoded.length).toBe(Buffer.byteLength('Администратор:пароль', 'utf8'));
  });
});
