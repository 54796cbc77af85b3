import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMES } from '../metadata-requirements';
import { formatPhone, mergeContacts, readContacts } from './contacts';

const n = DEFAULT_NAMES.contact;
const kinds = { phone: 'kind-phone', email: 'kind-email' };
const all = new Set([n.phone, n.phoneNoCodes, n.email, n.domain, n.value]);

const rows = [
  { Ref_Key: 'owner', LineNumber: '1', Тип: 'Адрес', Вид_Key: 'kind-addr', Представление: 'г. Екатеринбург, ул. Ленина, 1', Значение: '{"x":1}' },
  { Ref_Key: 'owner', LineNumber: '2', Тип: 'Телефон', Вид_Key: 'kind-mobile', Представление: '8 (916) 123-45-67', НомерТелефона: '89161234567' },
  { Ref_Key: 'owner', LineNumber: '3', Тип: 'АдресЭлектроннойПочты', Вид_Key: 'kind-email', Представление: 'Ivan@Example.RU', АдресЭП: 'Ivan@Example.RU' },
];

describe('contact information section', () => {
  it('reads phones and e-mails of any kind, normalised', () => {
    expect(readContacts(rows, n)).toEqual({ phones: ['+79161234567'], emails: ['ivan@example.ru'] });
  });

  it('writes nothing when the values are the same (a no-op PATCH bumps DataVersion)', () => {
    expect(mergeContacts(rows, { phones: ['+7 916 123 45 67'], emails: ['ivan@example.ru'] }, kinds, n, all)).toBeNull();
  });

  it('keeps other rows and kept values whole, adds new ones under the predefined kind with structured fields', () => {
    const out = mergeContacts(rows, { phones: ['+79161234567', '+79035550011'], emails: [] }, kinds, n, all);
    expect(out).not.toBeNull();
    expect(out?.map((r) => r.LineNumber)).toEqual([1, 2, 3]);
    expect(out?.[0]).toMatchObject({ Тип: 'Адрес', Значение: '{"x":1}' });
    expect(out?.[1]).toMatchObject({ Вид_Key: 'kind-mobile', НомерТелефона: '89161234567' });
    expect(out?.[2]).toMatchObject({ Тип: 'Телефон', Вид_Key: 'kind-phone', Представление: formatPhone('+79035550011'), НомерТелефона: '+79035550011', НомерТелефонаБезКодов: '5550011' });
    expect(JSON.parse(String(out?.[2].Значение))).toMatchObject({ type: 'Телефон', countryCode: '7', areaCode: '903' });
    expect(out?.some((r) => r.Тип === 'АдресЭлектроннойПочты')).toBe(false);
    expect(out?.some((r) => 'Ref_Key' in r)).toBe(false);
  });

  it('writes only the structured columns that are published', () => {
    const out = mergeContacts([], { phones: [], emails: ['a@b.ru'] }, kinds, n, new Set([n.email]));
    expect(out).toEqual([{ LineNumber: 1, Тип: 'АдресЭлектроннойПочты', Вид_Key: 'kind-email', Представление: 'a@b.ru', АдресЭП: 'a@b.ru' }]);
  });
});
