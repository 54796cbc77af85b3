/**
 * Encoding of batch sub-commands: "method?fields[NAME]=…&fields[PHONE][0][VALUE]=…" (PHP http_build_query style, ref §3.4).
 * `null`/`undefined` cannot be expressed inside a batch and are skipped (clear fields with a direct call).
 * References to earlier results ($result[cmd][49][ID]) are written unencoded so the portal can substitute them.
 */

export type Params = Record<string, unknown>;

const REF = Symbol('b24ref');

/** A reference to a field of an earlier command's result, resolved by the portal inside one batch. */
export interface ResultRef {
  readonly [REF]: true;
  readonly text: string;
}

/** ref('page3', 'items', 49, 'id') → $result[page3][items][49][id] */
export function resultRef(command: string, ...path: (string | number)[]): ResultRef {
  return { [REF]: true, text: `$result[${command}]${path.map((p) => `[${p}]`).join('')}` };
}

export function isResultRef(v: unknown): v is ResultRef {
  return typeof v === 'object' && v !== null && (v as Partial<ResultRef>)[REF] === true;
}

function encodeScalar(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (isResultRef(v)) return v.text;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return encodeURIComponent(v.toISOString());
  return encodeURIComponent(String(v));
}

function walk(prefix: string, value: unknown, out: string[]): void {
  if (value === null || value === undefined) return;
  if (isResultRef(value) || typeof value !== 'object' || value instanceof Date) {
    const enc = encodeScalar(value);
    if (enc !== null) out.push(`${prefix}=${enc}`);
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Params);
  for (const [k, v] of entries) walk(prefix === '' ? encodeURIComponent(k) : `${prefix}[${encodeURIComponent(k)}]`, v, out);
}

export function encodeQuery(params: Params): string {
  const out: string[] = [];
  walk('', params, out);
  return out.join('&');
}

export function encodeCommand(method: string, params: Params = {}): string {
  const q = encodeQuery(params);
  return q === '' ? method : `${method}?${q}`;
}

/** For direct (non-batch) calls JSON carries the params; references are meaningless there. */
export function toJsonParams(params: Params): Params {
  return JSON.parse(JSON.stringify(params, (_k, v: unknown) => (isResultRef(v) ? v.text : v))) as Params;
}
