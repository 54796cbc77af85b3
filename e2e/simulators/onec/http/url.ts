import { errors } from '../errors';
import { isGuid, normalizeDate, type Json } from '../edm/values';

// URL parsing as 1С does it: path segments split outside quotes/parentheses, percent-decoding
// WITHOUT turning '+' into a space (a '+' in $filter breaks parsing on a real base, ref §1.11, P8).

export function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw errors.badRequest('Неверная кодировка URL');
  }
}

/** Query string → map; keys and values percent-decoded, '+' kept literally. */
export function parseQuery(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decode(eq < 0 ? part : part.slice(0, eq));
    out.set(k, eq < 0 ? '' : decode(part.slice(eq + 1)));
  }
  return out;
}

/** Split a decoded resource path on '/' outside quotes and parentheses. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quoted = false;
  for (const c of path) {
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    if (c === '/' && depth === 0 && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.filter((s, i) => s !== '' || i < out.length - 1).filter((s) => s !== '');
}

/** `Name(args)` → name + raw args (undefined when there are no parentheses). */
export function splitSegment(seg: string): { name: string; args?: string } {
  const open = seg.indexOf('(');
  if (open < 0 || !seg.endsWith(')')) return { name: seg };
  return { name: seg.slice(0, open), args: seg.slice(open + 1, -1) };
}

/** Typed literal of a key predicate or function argument. */
export function parseLiteral(raw: string): Json {
  const s = raw.trim();
  const typed = /^(guid|datetime|datetimeoffset)'(.*)'$/s.exec(s);
  if (typed) {
    const [, kind, v] = typed;
    if (kind === 'guid') {
      if (!isGuid(v)) throw errors.parse(v, 'Edm.Guid');
      return v.toLowerCase();
    }
    const d = normalizeDate(v.replace(/(Z|[+-]\d{2}:\d{2})$/, ''));
    if (!d) throw errors.parse(v, 'Edm.DateTime');
    return d;
  }
  if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return s.slice(1, -1).replace(/''/g, "'");
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+(\.\d+)?[LMDF]?$/i.test(s)) return Number(s.replace(/[LMDF]$/i, ''));
  throw errors.parse(s, 'Edm.String');
}

/** Split `a=1,b='x,y'` on commas outside quotes. */
function splitArgs(args: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of args) {
    if (c === "'") quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim() !== '') out.push(cur);
  return out;
}

/** Named arguments `(A=…,B=…)`; a single unnamed value is returned under the '' name. */
export function parseArgs(args: string): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const part of splitArgs(args)) {
    const m = /^\s*([\p{L}\p{N}_]+)\s*=(.*)$/su.exec(part);
    if (m && !part.trim().startsWith("'")) out.set(m[1], parseLiteral(m[2]));
    else out.set('', parseLiteral(part));
  }
  return out;
}
