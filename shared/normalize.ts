/**
 * Normalisation of contact data, used for matching and for "did it change?" comparisons on both sides.
 * libphonenumber-js (metadata "min") parses Russian numbers written in any of the usual ways
 * (8 916 …, +7 (916) …, 916…) — far more robust than hand-written regexes.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Returns E.164 (+79161234567) when the number is recognisable, otherwise the digits with a leading '+' if given. */
export function normalizePhone(raw: string, defaultCountry: 'RU' | 'KZ' | 'BY' = 'RU'): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  // Russian trunk prefix "8" followed by 10 digits is the national form of +7.
  const digits = trimmed.replace(/\D/g, '');
  const candidate = defaultCountry === 'RU' && digits.length === 11 && digits.startsWith('8') && !trimmed.startsWith('+')
    ? `+7${digits.slice(1)}`
    : trimmed;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  if (parsed && parsed.isPossible()) return parsed.number;
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Plausible e-mail (the portal rejects invalid ones with ERROR_CORE; we check before sending). */
export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function uniqueNormalized(values: Iterable<string>, normalize: (v: string) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const n = normalize(v);
    if (n !== '' && !seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}

/** Splits "Фамилия Имя Отчество" into parts; extra words go to the middle name. */
export function splitFullName(fullName: string): { lastName: string; firstName: string; middleName: string } {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return {
    lastName: parts[0] ?? '',
    firstName: parts[1] ?? '',
    middleName: parts.slice(2).join(' '),
  };
}

export function joinFullName(parts: { lastName?: string; firstName?: string; middleName?: string }): string {
  return [parts.lastName, parts.firstName, parts.middleName].map((p) => (p ?? '').trim()).filter(Boolean).join(' ');
}
