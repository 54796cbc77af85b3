import type { PropDef } from '../model/schema';

// Wire values as 1С writes them in JSON (ref §1.4): Guid strings, naive dates, Int64 as strings, Edm.Double numbers.

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Row = Record<string, Json>;

export const EMPTY_REF = '00000000-0000-0000-0000-000000000000';
export const EMPTY_DATE = '0001-01-01T00:00:00';
export const UNDEFINED_TYPE = 'StandardODATA.Undefined';
export const NS = 'StandardODATA';

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const isGuid = (s: string): boolean => GUID_RE.test(s);

/** DataVersion: opaque base64 of an 8-byte big-endian counter, `AAAAAAAAAAA=` at creation (ref §1.4). */
export function dataVersion(n: number): string {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b.toString('base64');
}

export function dataVersionCounter(dv: string): number {
  const b = Buffer.from(dv, 'base64');
  return b.length === 8 ? Number(b.readBigUInt64BE()) : 0;
}

export const nextDataVersion = (dv: Json | undefined): string =>
  dataVersion(typeof dv === 'string' ? dataVersionCounter(dv) + 1 : 0);

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** Parse a date literal/body value into the naive `YYYY-MM-DDTHH:MM:SS` form; undefined when malformed. */
export function normalizeDate(s: string): string | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', se = '00'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) {
    return undefined;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${se}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local wall-clock time without zone, as 1С stores it. */
export function naiveNow(d = new Date()): string {
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** Naive date → components (no zone involved). */
export function dateParts(s: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  return {
    y: Number(s.slice(0, 4)),
    mo: Number(s.slice(5, 7)),
    d: Number(s.slice(8, 10)),
    h: Number(s.slice(11, 13)),
    mi: Number(s.slice(14, 16)),
    s: Number(s.slice(17, 19)),
  };
}

/** Naive date arithmetic through UTC so no local zone shifts sneak in. */
export const naiveToUtcMs = (s: string): number => {
  const p = dateParts(s);
  const d = new Date(0);
  d.setUTCFullYear(p.y, p.mo - 1, p.d);
  d.setUTCHours(p.h, p.mi, p.s, 0);
  return d.getTime();
};

export const utcMsToNaive = (ms: number): string => {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
};

/** Russian presentation of a naive date: `01.02.2024 10:00:00` (used in posting messages). */
export const datePresentation = (s: string): string =>
  `${s.slice(8, 10)}.${s.slice(5, 7)}.${s.slice(0, 4)} ${Number(s.slice(11, 13))}:${s.slice(14, 16)}:${s.slice(17, 19)}`;

/** Value of a property in a freshly created object (empty ref, empty date, zero, false…). */
export function emptyValue(p: PropDef): Json {
  switch (p.kind) {
    case 'guid':
    case 'ref':
      return EMPTY_REF;
    case 'composite':
      return '';
    case 'compositeType':
      return UNDEFINED_TYPE;
    case 'string':
    case 'enum':
      return '';
    case 'int':
      return p.edm === 'Edm.Int64' ? '0' : 0;
    case 'double':
      return 0;
    case 'boolean':
      return false;
    case 'date':
      return EMPTY_DATE;
    case 'dataversion':
      return dataVersion(0);
    case 'tabular':
      return [];
  }
}

/** Int64 travels as a JSON string, Int16/Int32 as numbers (ref §1.4). */
export const intWire = (p: PropDef, n: number): Json => (p.edm === 'Edm.Int64' ? String(Math.trunc(n)) : Math.trunc(n));

export const typeName = (set: string): string => `${NS}.${set}`;
export const stripNs = (t: string): string => (t.startsWith(`${NS}.`) ? t.slice(NS.length + 1) : t);
