// PHP-style nested query strings (`fields[NAME]=x&fields[PHONE][0][VALUE]=…`, ref §3.4 data encoding),
// parsed with qs and limits generous enough for 50-row batches.
import qs from 'qs';
import { isRecord, type Params } from './params';

const OPTIONS: qs.IParseOptions = { depth: 12, arrayLimit: 10_000, parameterLimit: 100_000, allowPrototypes: false };

export function parseQueryString(s: string): Params {
  const parsed: unknown = qs.parse(s.startsWith('?') ? s.slice(1) : s, OPTIONS);
  return isRecord(parsed) ? parsed : {};
}
