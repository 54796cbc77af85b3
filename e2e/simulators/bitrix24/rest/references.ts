// batch `$result[key][field]` references (ref §3.4): `$result[key][ID]`, `$result[key][0][ID]`,
// `$result[key][item][id]`, `$result[key][items][49][id]`; also $result_total/_next/_error/_time. A value
// that is exactly one reference to an array/object is substituted structurally; inside text the scalar is
// spliced in (PHP string conversion: true → "1", false/null/missing → "").
import { isRecord } from '../core/params';

export type BatchResults = Record<'result' | 'result_error' | 'result_total' | 'result_next' | 'result_time', Record<string, unknown>>;

const REF = /\$(result_error|result_total|result_next|result_time|result)((?:\[[^\]]*\])+)/g;

function lookup(results: BatchResults, kind: string, path: string): unknown {
  const segments = path.slice(1, -1).split('][');
  let cur: unknown = results[kind as keyof BatchResults];
  for (const seg of segments) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v === true) return '1';
  if (typeof v === 'object') return '';
  return String(v);
}

export function substitute(value: unknown, results: BatchResults): unknown {
  if (typeof value === 'string') {
    const whole = new RegExp(`^${REF.source}$`).exec(value);
    if (whole) {
      const v = lookup(results, whole[1], whole[2]);
      return typeof v === 'object' && v !== null ? structuredClone(v) : scalar(v);
    }
    return value.replace(REF, (_m, kind: string, path: string) => scalar(lookup(results, kind, path)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  return value;
}
