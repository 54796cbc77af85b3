import { describe, expect, it } from 'vitest';
import { joinFullName, normalizeEmail, normalizePhone, splitFullName, uniqueNormalized } from './normalize';

describe('normalizePhone', () => {
  it.each([
    ['8 (916) 123-45-67', '+79161234567'],
    ['+7 916 123 45 67', '+79161234567'],
    ['79161234567', '+79161234567'],
    ['9161234567', '+79161234567'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });

  it('keeps unrecognisable input as digits instead of inventing a number', () => {
    expect(normalizePhone('12-34')).toBe('1234');
    expect(normalizePhone('   ')).toBe('');
  });
});

describe('contact helpers', () => {
  it('normalises e-mails and removes duplicates after normalisation', () => {
    expect(normalizeEmail('  Ivan@Mail.RU ')).toBe('ivan@mail.ru');
    expect(uniqueNormalized(['A@b.ru', 'a@b.ru', ''], normalizeEmail)).toEqual(['a@b.ru']);
  });

  it('splits and joins ФИО', () => {
    expect(splitFullName(' Иванов  Иван Иванович ')).toEqual({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' });
    expect(splitFullName('Иванов')).toEqual({ lastName: 'Иванов', firstName: '', middleName: '' });
    expect(joinFullName({ lastName: 'Петров', firstName: 'Пётр' })).toBe('Петров Пётр');
  });
});
