import { dateParts, naiveToUtcMs, utcMsToNaive } from '../edm/values';
import { ODataError } from '../errors';
import { asString, isTagged, type V } from './values';

// $filter functions 1С supports (ref §1.5). The unsupported list answers 400 code 14 as the brief requires.

export const UNSUPPORTED = new Set([
  'length',
  'indexof',
  'replace',
  'tolower',
  'toupper',
  'trim',
  'floor',
  'ceiling',
  'years',
  'days',
  'hours',
  'seconds',
]);

type Fn = (args: V[]) => V;

const dateOf = (v: V): string | null => (isTagged(v) && v.k === 'd' ? v.v : typeof v === 'string' ? v : null);
const part = (pick: (p: ReturnType<typeof dateParts>) => number): Fn => ([d]) => {
  const s = dateOf(d);
  return s ? pick(dateParts(s)) : null;
};

/** `like` patterns of 1С's ПОДОБНО: % any run, _ one char, [..] class (ref §1.5 like(Str,'шаблон%')). */
export function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(i + 1, end).replace(/\\/g, '\\\\').replace(/^\^/, '\\^')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

const DAY = 86_400_000;
const UNIT_MS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: DAY, week: 7 * DAY };

function addMonths(s: string, months: number): string {
  const p = dateParts(s);
  const total = p.y * 12 + (p.mo - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  const last = new Date(Date.UTC(2000, mo, 0)).getUTCDate();
  const d = Math.min(p.d, last);
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}${s.slice(10)}`;
}

export const FUNCTIONS: Record<string, { arity: [number, number]; fn: Fn }> = {
  substringof: {
    arity: [2, 2],
    fn: ([needle, hay]) => {
      const n = asString(needle);
      const h = asString(hay);
      return n === null || h === null ? false : h.toLowerCase().includes(n.toLowerCase());
    },
  },
  startswith: {
    arity: [2, 2],
    fn: ([s, p]) => (asString(s) ?? '').toLowerCase().startsWith((asString(p) ?? '').toLowerCase()),
  },
  endswith: {
    arity: [2, 2],
    fn: ([s, p]) => (asString(s) ?? '').toLowerCase().endsWith((asString(p) ?? '').toLowerCase()),
  },
  like: { arity: [2, 2], fn: ([s, p]) => likeToRegExp(asString(p) ?? '').test(asString(s) ?? '') },
  concat: { arity: [2, 2], fn: ([a, b]) => `${asString(a) ?? ''}${asString(b) ?? ''}` },
  substring: {
    arity: [2, 3],
    fn: ([s, start, len]) => {
      const str = asString(s) ?? '';
      const from = Number(start);
      return len === undefined ? str.slice(from) : str.substr(from, Number(len));
    },
  },
  year: { arity: [1, 1], fn: part((p) => p.y) },
  month: { arity: [1, 1], fn: part((p) => p.mo) },
  day: { arity: [1, 1], fn: part((p) => p.d) },
  hour: { arity: [1, 1], fn: part((p) => p.h) },
  minute: { arity: [1, 1], fn: part((p) => p.mi) },
  second: { arity: [1, 1], fn: part((p) => p.s) },
  quarter: { arity: [1, 1], fn: part((p) => Math.floor((p.mo - 1) / 3) + 1) },
  // 1С's ДЕНЬНЕДЕЛИ: Monday = 1 … Sunday = 7.
  dayofweek: {
    arity: [1, 1],
    fn: ([d]) => {
      const s = dateOf(d);
      return s ? ((new Date(naiveToUtcMs(s)).getUTCDay() + 6) % 7) + 1 : null;
    },
  },
  dayofyear: {
    arity: [1, 1],
    fn: ([d]) => {
      const s = dateOf(d);
      return s ? Math.floor((naiveToUtcMs(s.slice(0, 10) + 'T00:00:00') - naiveToUtcMs(`${s.slice(0, 4)}-01-01T00:00:00`)) / DAY) + 1 : null;
    },
  },
  dateadd: {
    arity: [3, 3],
    fn: ([d, unit, n]) => {
      const s = dateOf(d);
      const u = (asString(unit) ?? '').toLowerCase();
      const k = Number(n);
      if (!s) return null;
      if (u === 'month') return { k: 'd', v: addMonths(s, k) };
      if (u === 'quarter') return { k: 'd', v: addMonths(s, 3 * k) };
      if (u === 'year') return { k: 'd', v: addMonths(s, 12 * k) };
      const ms = UNIT_MS[u];
      if (!ms) throw new ODataError(400, '21', `Неверный аргумент функции dateadd: ${u}`);
      return { k: 'd', v: utcMsToNaive(naiveToUtcMs(s) + ms * k) };
    },
  },
  datedifference: {
    arity: [3, 3],
    fn: ([a, b, unit]) => {
      const x = dateOf(a);
      const y = dateOf(b);
      const u = (asString(unit) ?? '').toLowerCase();
      if (!x || !y) return null;
      if (u === 'month' || u === 'year' || u === 'quarter') {
        const px = dateParts(x);
        const py = dateParts(y);
        const months = (py.y - px.y) * 12 + (py.mo - px.mo);
        return u === 'month' ? months : u === 'quarter' ? Math.trunc(months / 3) : py.y - px.y;
      }
      const ms = UNIT_MS[u];
      if (!ms) throw new ODataError(400, '21', `Неверный аргумент функции datedifference: ${u}`);
      return Math.trunc((naiveToUtcMs(y) - naiveToUtcMs(x)) / ms);
    },
  },
  round: {
    arity: [1, 2],
    fn: ([x, digits]) => {
      if (typeof x !== 'number') return null;
      const f = 10 ** (typeof digits === 'number' ? digits : 0);
      return Math.round(x * f) / f;
    },
  },
};
