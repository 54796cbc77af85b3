/** Contacts (persons) and companies ⇄ canonical Customer (shared/domain.ts; ref §4, §5). */
import type { Customer } from '../../../../shared/domain';
import { isPlausibleEmail, joinFullName, normalizeEmail, normalizePhone, splitFullName, uniqueNormalized } from '../../../../shared/normalize';
import { Bitrix24Error } from '../errors';
import { planMultifield, readMultifield, type MultiOp } from './multifield';

type Row = Record<string, unknown>;

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();

export function phonesOf(row: Row): string[] {
  return uniqueNormalized(readMultifield(row.PHONE).map((m) => m.VALUE), (v) => normalizePhone(v));
}

export function emailsOf(row: Row): string[] {
  return uniqueNormalized(readMultifield(row.EMAIL).map((m) => m.VALUE), normalizeEmail);
}

export function contactToCustomer(row: Row, cardField: string): Customer {
  const lastName = str(row.LAST_NAME);
  const firstName = str(row.NAME);
  const middleName = str(row.SECOND_NAME);
  const card = str(row[cardField]);
  return {
    kind: 'person',
    fullName: joinFullName({ lastName, firstName, middleName }),
    lastName,
    firstName,
    middleName,
    phones: phonesOf(row),
    emails: emailsOf(row),
    cardNumber: card === '' ? null : card,
  };
}

export function companyToCustomer(row: Row, cardField: string, requisite?: Row | null): Customer {
  const card = str(row[cardField]);
  const c: Customer = { kind: 'company', fullName: str(row.TITLE), phones: phonesOf(row), emails: emailsOf(row), cardNumber: card === '' ? null : card };
  if (requisite) {
    const inn = str(requisite.RQ_INN);
    const kpp = str(requisite.RQ_KPP);
    if (inn) c.inn = inn;
    if (kpp) c.kpp = kpp;
  }
  return c;
}

/** Name fields of a contact: the parts when given, else split from the full name (ФИО). */
export function personNameFields(c: Customer): { LAST_NAME: string; NAME: string; SECOND_NAME: string } {
  const hasParts = [c.lastName, c.firstName, c.middleName].some((p) => (p ?? '').trim() !== '');
  const parts = hasParts ? { lastName: c.lastName ?? '', firstName: c.firstName ?? '', middleName: c.middleName ?? '' } : splitFullName(c.fullName);
  return { LAST_NAME: parts.lastName.trim(), NAME: parts.firstName.trim(), SECOND_NAME: parts.middleName.trim() };
}

/** Refuses values the portal would reject, with a message that names the value (ref §10: e-mails are validated). */
export function validateCustomer(c: Customer): void {
  const bad = c.emails.filter((e) => !isPlausibleEmail(e));
  if (bad.length > 0) {
    throw new Bitrix24Error({
      code: 'VALIDATION',
      message: `invalid e-mail ${bad.join(', ')}`,
      userMessage: `Адрес электронной почты «${bad[0]}» у покупателя «${c.fullName}» некорректен, Битрикс24 его не примет. Исправьте e-mail в карточке покупателя и запустите обмен снова.`,
    });
  }
  if (c.kind === 'company' && c.fullName.trim() === '') {
    throw new Bitrix24Error({ code: 'VALIDATION', message: 'company without a name', userMessage: 'У контрагента не заполнено наименование; компания в Битрикс24 без названия не создаётся. Заполните наименование в 1С.' });
  }
}

/** Scalar fields for add/update (multifields separately, by ID). */
export function customerFields(c: Customer, cardField: string): Row {
  const base: Row = c.kind === 'person' ? { ...personNameFields(c) } : { TITLE: c.fullName.trim() };
  base[cardField] = c.cardNumber ?? '';
  return base;
}

export interface MultiPlan {
  PHONE: MultiOp[];
  EMAIL: MultiOp[];
}

export function planContacts(current: Row, c: Customer): MultiPlan {
  return {
    PHONE: planMultifield(readMultifield(current.PHONE), uniqueNormalized(c.phones, (v) => normalizePhone(v)), (v) => normalizePhone(v), 'WORK'),
    EMAIL: planMultifield(readMultifield(current.EMAIL), uniqueNormalized(c.emails, normalizeEmail), normalizeEmail, 'WORK'),
  };
}

/** Same data? (compares what the exchange owns; used to skip writes that would change nothing). */
export function sameCustomer(a: Customer, b: Customer, withRequisites: boolean): boolean {
  const eq = (x: string[], y: string[]): boolean => x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
  const name = (c: Customer): string => (c.kind === 'person' ? JSON.stringify(personNameFields(c)) : c.fullName.trim());
  return a.kind === b.kind && name(a) === name(b) && eq(a.phones.map((p) => normalizePhone(p)), b.phones.map((p) => normalizePhone(p)))
    && eq(a.emails.map(normalizeEmail), b.emails.map(normalizeEmail)) && (a.cardNumber ?? '') === (b.cardNumber ?? '')
    && (a.kind === 'person' || !withRequisites || ((a.inn ?? '') === (b.inn ?? '') && (a.kpp ?? '') === (b.kpp ?? '')));
}
