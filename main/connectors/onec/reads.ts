/**
 * Read patterns shared by the adapters: the cheap key scan (`Ref_Key, DataVersion, DeletionMark` in big pages
 * on a reproducible `$orderby`, ref §1.5), fetch by ids in small `or` batches (query strings stay short for IIS),
 * and confirmation that objects missing from a scan are really gone.
 */
import type { ODataRow, OnecClient } from './client';
import { DEFAULTS } from './options';
import { buildQuery, keysFilter, type QueryOptions } from './query';
import { toStr } from './convert';

/** `$orderby=Ref_Key` is 1С's auto-ordering (presentation), reproducible between requests — what $skip needs (ref §1.5). */
export const STABLE_ORDER = 'Ref_Key';

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Longest query string sent: IIS refuses more than 2048 bytes by default (404.15) and every Cyrillic letter
 * takes 6 bytes percent-encoded (ref §1.11), so a fixed number of ids per request is not enough.
 */
export const MAX_QUERY_BYTES = 2000;

/** Batches of at most `size` items whose rendered query (`render(batch)`) stays within `maxBytes`. */
export function chunkToFit<T>(items: readonly T[], size: number, render: (batch: T[]) => string, maxBytes = MAX_QUERY_BYTES): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  for (const item of items) {
    const next = [...cur, item];
    if (cur.length > 0 && (next.length > size || render(next).length > maxBytes)) {
      out.push(cur);
      cur = [item];
    } else {
      cur = next;
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** A `list` query over `batch`, sized to fit the query-string limit (see MAX_QUERY_BYTES). */
export function listBatches<T>(items: readonly T[], size: number, query: (batch: T[]) => QueryOptions): T[][] {
  // Measured as sent: the HTTP stack (WHATWG URL) escapes the quotes of literals in the query to %27.
  return chunkToFit(items, size, (batch) => buildQuery(query(batch)).replace(/'/g, '%27'));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** All rows of a set (optionally filtered), paged on the stable order. */
export async function scanRows(client: OnecClient, entitySet: string, select: readonly string[], filter: string | undefined, pageSize: number): Promise<ODataRow[]> {
  return client.all(entitySet, { select, filter, orderby: STABLE_ORDER, pageSize });
}

/** Rows by `Ref_Key`, a few ids per request, up to 3 requests in flight. */
export async function fetchByIds(
  client: OnecClient,
  entitySet: string,
  ids: readonly string[],
  select: readonly string[],
  extraFilter?: string,
): Promise<Map<string, ODataRow>> {
  const out = new Map<string, ODataRow>();
  const query = (batch: string[]): QueryOptions & { top: number } => {
    const byIds = `(${keysFilter('Ref_Key', batch)})`;
    return { select, filter: extraFilter ? `${byIds} and ${extraFilter}` : byIds, top: batch.length };
  };
  const batches = listBatches([...new Set(ids)], DEFAULTS.idsPerRequest, query);
  const results = await mapLimit(batches, 3, (batch) => client.list(entitySet, query(batch)));
  for (const rows of results) for (const r of rows) out.set(toStr(r.Ref_Key).toLowerCase(), r);
  return out;
}

/** Of the ids, those 1С no longer has. */
export async function missingIds(client: OnecClient, entitySet: string, ids: readonly string[]): Promise<string[]> {
  const found = await fetchByIds(client, entitySet, ids, ['Ref_Key']);
  return ids.filter((id) => !found.has(id.toLowerCase()));
}
