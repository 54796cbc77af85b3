/**
 * Phones and e-mails in the КонтактнаяИнформация tabular section (ref §2.1). Reading takes every row of type
 * Телефон / АдресЭлектроннойПочты whatever its kind; writing keeps rows whose value is still wanted (with their
 * kind and all their columns), drops the others of those two types, adds new values under the predefined kind,
 * and leaves addresses and other rows untouched. The whole section is sent back (PATCH replaces it, ref §1.6).
 */
import { normalizeEmail, normalizePhone, uniqueNormalized } from '../../../../shared/normalize';
import type { ODataRow } from '../client';
import type { OnecNames } from '../metadata-requirements';
import { toStr } from '../convert';

type ContactNames = OnecNames['contact'];

export interface ContactValues {
  phones: string[];
  emails: string[];
}

function sortedRows(rows: unknown): ODataRow[] {
  if (!Array.isArray(rows)) return [];
  return [...(rows as ODataRow[])].sort((a, b) => Number(a.LineNumber ?? 0) - Number(b.LineNumber ?? 0));
}

export function readContacts(rows: unknown, n: ContactNames): ContactValues {
  const list = sortedRows(rows);
  const value = (r: ODataRow, structured: string): string => toStr(r[n.presentation]).trim() || toStr(r[structured]).trim();
  return {
    phones: uniqueNormalized(list.filter((r) => r[n.type] === n.typePhone).map((r) => value(r, n.phone)), (v) => normalizePhone(v)),
    emails: uniqueNormalized(list.filter((r) => r[n.type] === n.typeEmail).map((r) => value(r, n.email)), normalizeEmail),
  };
}

/** "+79161234567" → "+7 (916) 123-45-67"; other numbers as they are. */
export function formatPhone(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+7 (${m[1]}) ${m[2]}-${m[3]}-${m[4]}` : e164;
}

/** Structured columns of a new phone row; BSP 3 JSON `Значение` format is [unconf] (ref §2.1). */
function phoneRow(e164: string, kindId: string, n: ContactNames, published: ReadonlySet<string>): ODataRow {
  const m = /^\+7(\d{3})(\d{7})$/.exec(e164);
  const row: ODataRow = { [n.type]: n.typePhone, [n.kind]: kindId, [n.presentation]: formatPhone(e164) };
  if (published.has(n.phone)) row[n.phone] = e164;
  if (published.has(n.phoneNoCodes)) row[n.phoneNoCodes] = m ? m[2] : e164.replace(/\D/g, '');
  if (published.has(n.value)) {
    row[n.value] = JSON.stringify({
      value: formatPhone(e164),
      comment: '',
      type: n.typePhone,
      countryCode: m ? '7' : '',
      areaCode: m ? m[1] : '',
      number: m ? m[2] : e164.replace(/\D/g, ''),
      extNumber: '',
    });
  }
  return row;
}

function emailRow(email: string, kindId: string, n: ContactNames, published: ReadonlySet<string>): ODataRow {
  const row: ODataRow = { [n.type]: n.typeEmail, [n.kind]: kindId, [n.presentation]: email };
  if (published.has(n.email)) row[n.email] = email;
  if (published.has(n.domain)) row[n.domain] = email.split('@')[1] ?? '';
  if (published.has(n.value)) row[n.value] = JSON.stringify({ value: email, comment: '', type: n.typeEmail });
  return row;
}

/** A row as it can be sent back: without the owner key, annotations and the old line number. */
function writable(row: ODataRow): ODataRow {
  const out: ODataRow = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'Ref_Key' && k !== 'LineNumber' && !k.includes('@')) out[k] = v;
  return out;
}

/**
 * The new section for the wanted values, or null when the current one already says exactly that
 * (a no-op PATCH still bumps DataVersion, ref §1.4 — so nothing is written then).
 */
export function mergeContacts(
  current: unknown,
  wanted: ContactValues,
  kinds: { phone: string; email: string },
  n: ContactNames,
  publishedColumns: ReadonlySet<string>,
): ODataRow[] | null {
  const rows = sortedRows(current);
  const have = readContacts(rows, n);
  const phones = uniqueNormalized(wanted.phones, (v) => normalizePhone(v));
  const emails = uniqueNormalized(wanted.emails, normalizeEmail);
  if (sameList(have.phones, phones) && sameList(have.emails, emails)) return null;

  const keyOf = (r: ODataRow): string | null => {
    const v = toStr(r[n.presentation]).trim() || toStr(r[r[n.type] === n.typePhone ? n.phone : n.email]).trim();
    if (r[n.type] === n.typePhone) return `p:${normalizePhone(v)}`;
    if (r[n.type] === n.typeEmail) return `e:${normalizeEmail(v)}`;
    return null;
  };
  const existing = new Map<string, ODataRow>();
  const others: ODataRow[] = [];
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) others.push(writable(r));
    else if (!existing.has(key)) existing.set(key, writable(r));
  }
  const out = [
    ...others,
    ...phones.map((p) => existing.get(`p:${p}`) ?? phoneRow(p, kinds.phone, n, publishedColumns)),
    ...emails.map((e) => existing.get(`e:${e}`) ?? emailRow(e, kinds.email, n, publishedColumns)),
  ];
  return out.map((r, i) => ({ LineNumber: i + 1, ...r }));
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
