// Fixed pages of 50 (ref §2): `start` = offset; `total` and `next` (absent on the last page);
// `start = -1` skips the count — no `total`, no `next` (fast scan, D huge-data.md).
import type { MethodOutput } from '../core/envelope';

export const PAGE_SIZE = 50;

export interface Page<T> {
  rows: T[];
  total?: number;
  next?: number;
}

export function page<T>(all: T[], start: number): Page<T> {
  if (start === -1) return { rows: all.slice(0, PAGE_SIZE) };
  const from = Math.max(0, start);
  const rows = all.slice(from, from + PAGE_SIZE);
  const next = from + PAGE_SIZE < all.length ? from + PAGE_SIZE : undefined;
  return { rows, total: all.length, next };
}

export function pagedOutput<T>(p: Page<T>, wrap: (rows: T[]) => unknown): MethodOutput {
  const out: MethodOutput = { result: wrap(p.rows) };
  if (p.total !== undefined) out.total = p.total;
  if (p.next !== undefined) out.next = p.next;
  return out;
}
