/**
 * Fast full scans (ref §2): `order {ID: ASC}`, filter `>ID`, `start: -1` (no count), and after the first page up to
 * 50 pages chained inside one batch with `$result[pN][49][ID]` references — ≤ 2,500 rows per HTTP request.
 * Pages are consumed in order; the scan ends at the first page with fewer than 50 rows (later, unresolvable pages
 * of the same batch are ignored), and rows never go backwards (a row id ≤ the last one seen ends the scan too).
 */
import type { Bitrix24Client, Command } from './client';
import { resultRef, type Params } from './encode';
import { isObject, type B24Time } from './envelope';

export const PAGE_SIZE = 50;

export interface ScanOptions {
  method: string;
  /** filter, select… (order and start are set by the scan). */
  params?: Params;
  /** 'ID' for legacy crm.*.list, 'id' for crm.item.list / catalog.*.list. */
  idKey?: string;
  /** Where the rows are inside `result`: undefined = result is the array; 'items' (crm.item.list), 'products' (catalog.product.list). */
  itemsKey?: string;
  /** Start after this id. */
  afterId?: number;
  /** Rows expected (e.g. the previous count): sizes the last batch so it does not read 49 empty pages. */
  expectedRows?: number;
  /** Pages per batch (≤ 50). */
  pagesPerBatch?: number;
  /** Receives the portal's `time` of the first answer (its clock at the start of the scan). */
  onFirstTime?: (time: B24Time | undefined) => void;
  /** Sends the first page (e.g. through the auto-batcher, so that several scans start in one request). */
  firstPage?: (method: string, params: Params) => Promise<{ result: unknown; time?: B24Time }>;
}

type Row = Record<string, unknown>;

export function rowsOf(result: unknown, itemsKey?: string): Row[] {
  const list = itemsKey ? (isObject(result) ? result[itemsKey] : undefined) : result;
  if (Array.isArray(list)) return list.filter(isObject);
  if (isObject(list)) return Object.values(list).filter(isObject);
  return [];
}

function pageParams(opts: ScanOptions, after: unknown): Params {
  const idKey = opts.idKey ?? 'ID';
  const p = opts.params ?? {};
  const filter = isObject(p.filter) ? p.filter : {};
  return { ...p, order: { [idKey]: 'ASC' }, filter: { ...filter, [`>${idKey}`]: after }, start: -1 };
}

/** Yields pages of rows in ascending id order. */
export async function* scanPages(client: Bitrix24Client, opts: ScanOptions): AsyncGenerator<Row[]> {
  const idKey = opts.idKey ?? 'ID';
  let lastId = opts.afterId ?? 0;
  let seen = 0;
  const first = opts.firstPage ? await opts.firstPage(opts.method, pageParams(opts, lastId)) : await client.call(opts.method, pageParams(opts, lastId));
  opts.onFirstTime?.(first.time);
  let page = rowsOf(first.result, opts.itemsKey).filter((r) => Number(r[idKey]) > lastId);
  if (page.length > 0) yield page;
  seen += page.length;
  if (page.length < PAGE_SIZE) return;
  lastId = Number(page[page.length - 1][idKey]);

  for (;;) {
    const maxPages = Math.min(PAGE_SIZE, opts.pagesPerBatch ?? PAGE_SIZE);
    const remaining = opts.expectedRows === undefined ? Infinity : opts.expectedRows - seen;
    const pages = Math.max(2, Math.min(maxPages, Math.ceil(remaining / PAGE_SIZE) + 1));
    const cmds: Record<string, Command> = {};
    for (let n = 0; n < pages; n++) {
      const after = n === 0 ? lastId : resultRef(`p${n - 1}`, ...(opts.itemsKey ? [opts.itemsKey] : []), PAGE_SIZE - 1, idKey);
      cmds[`p${n}`] = { method: opts.method, params: pageParams(opts, after) };
    }
    const res = await client.batch(cmds);
    for (let n = 0; n < pages; n++) {
      const o = res[`p${n}`];
      if (!o.ok) throw o.error;
      page = rowsOf(o.result, opts.itemsKey);
      const fresh = page.filter((r) => Number(r[idKey]) > lastId);
      if (fresh.length > 0) yield fresh;
      seen += fresh.length;
      if (page.length < PAGE_SIZE || fresh.length < page.length) return;
      lastId = Number(page[page.length - 1][idKey]);
    }
  }
}

export async function scanAll(client: Bitrix24Client, opts: ScanOptions): Promise<Row[]> {
  const out: Row[] = [];
  for await (const page of scanPages(client, opts)) out.push(...page);
  return out;
}

/** All ids of a list method (`select: [ID]` — the cheapest full scan; used to find deletions, ref §9). */
export async function scanIds(client: Bitrix24Client, opts: Omit<ScanOptions, 'params'> & { filter?: Params }): Promise<number[]> {
  const idKey = opts.idKey ?? 'ID';
  const select = opts.itemsKey === 'products' ? ['id', 'iblockId'] : [idKey];
  const ids: number[] = [];
  for await (const page of scanPages(client, { ...opts, params: { select, ...(opts.filter ? { filter: opts.filter } : {}) } })) {
    for (const r of page) ids.push(Number(r[idKey]));
  }
  return ids;
}
