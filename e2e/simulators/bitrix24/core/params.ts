// Coercion helpers for request parameters: JSON bodies give typed values, form/query bodies give strings
// and objects with numeric keys. Top-level parameter names are case-insensitive (`ID` == `id`), as in the
// docs' own examples (D crm-contact-get.md uses both).
import { RestError, restErrors } from './errors';

export type Params = Record<string, unknown>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function param(p: Params, name: string): unknown {
  if (name in p) return p[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(p)) if (k.toLowerCase() === lower) return p[k];
  return undefined;
}

export function toInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Math.trunc(Number(v));
  return null;
}

export function toNum(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function toStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Y/N flags arrive as 'Y', true, 1, '1', 'true' (ref §10). */
export function isYes(v: unknown): boolean {
  return v === true || v === 1 || v === 'Y' || v === 'y' || v === '1' || v === 'true';
}

export function yn(v: unknown): 'Y' | 'N' {
  return isYes(v) ? 'Y' : 'N';
}

/** Arrays from form bodies may arrive as objects keyed '0','1',…; scalars become one-element lists. */
export function asList(v: unknown): unknown[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v;
  if (isRecord(v)) return Object.values(v);
  return [v];
}

export function asRecord(v: unknown): Record<string, unknown> {
  if (isRecord(v)) return v;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  return {};
}

export function requireInt(p: Params, name: string, onMissing?: () => RestError): number {
  const v = toInt(param(p, name));
  if (v === null || v <= 0) throw onMissing ? onMissing() : restErrors.missingParam(name);
  return v;
}

export function optionalRecord(p: Params, name: string): Record<string, unknown> {
  return asRecord(param(p, name));
}

export function startParam(p: Params): number {
  const v = toInt(param(p, 'start'));
  return v === null ? 0 : v;
}
