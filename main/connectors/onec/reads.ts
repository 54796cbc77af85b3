/**
 * Read patterns shared by the adapters: the cheap key scan (`Ref_Key, DataVersion, DeletionMark` in big pages
 * on a reproducible `$orderby`, ref §1.5), fetch by ids in small `or` batches (query strings stay short for IIS),
 * and confirmation that objects missing from a scan are really gone.
 */
import type { ODataRow, OnecClient } from './client';
import { DEFAULTS } from './options';
import { keysFilter } from './query';
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
  const batches = chunk([...new Set(ids)], DEFAULTS.idsPerRequest);
  const results = await mapLimit(batches, 3, (batch) => {
    const byIds = `(${keysFilter('Ref_Key', batch)})`;
    return client.list(entitySet, { select, filter: extraFilter ? `${byIds} and ${extraFilter}` : byIds, top: batch.length });
  });
  for (const rows of results) for (const r of rows) out.set(toStr(r.Ref_Key).toLowerCase(), r);
  return out;
}

/** Of the ids, those 1С no longer has. */
export async function missingIds(client: OnecClient, entitySet: string, ids: readonly string[]): Promise<string[]> {
  const found = await fetchByIds(client, entitySet, ids, ['Ref_Key']);
  return ids.filter((id) => !found.has(id.toLowerCase()));
}
