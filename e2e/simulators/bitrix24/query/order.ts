// `order: {FIELD: "ASC"|"DESC", …}`; type-aware; empty values sort first ascending (MySQL). ID is the
// final tie-breaker so pages are stable.
import { isRecord } from '../core/params';
import type { FieldResolver } from './filter';
import { parseDateInput } from '../core/dates';

function key(kind: string, v: unknown): number | string | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'number') return Number(v);
  if (kind === 'datetime' || kind === 'date') return typeof v === 'number' ? v : parseDateInput(v, '+00:00');
  return String(v).toLowerCase();
}

export function compileOrder<T>(order: unknown, resolve: FieldResolver<T>, idOf: (row: T) => number): (a: T, b: T) => number {
  const parts: { get: (row: T) => number | string | null; dir: number }[] = [];
  if (isRecord(order)) {
    for (const [name, dirRaw] of Object.entries(order)) {
      const def = resolve(name);
      if (!def) continue;
      const dir = String(dirRaw).toUpperCase() === 'DESC' ? -1 : 1;
      parts.push({ get: (row) => key(def.kind, Array.isArray(def.get(row)) ? (def.get(row) as unknown[])[0] : def.get(row)), dir });
    }
  }
  return (a, b) => {
    for (const p of parts) {
      const x = p.get(a);
      const y = p.get(b);
      if (x === y) continue;
      if (x === null) return -p.dir;
      if (y === null) return p.dir;
      return (x < y ? -1 : 1) * p.dir;
    }
    return idOf(a) - idOf(b);
  };
}
