/**
 * Document change scans (ref §4.2): documents accumulate for years, so the key scan covers a date window
 * (`Date ge datetime'…'`) plus a DataVersion re-check of objects outside it that the snapshot still marks open.
 * Closed objects that left the window are forgotten silently.
 */
import type { ODataRow, OnecClient } from '../client';
import { isoToNaive, toBool, toStr } from '../convert';
import type { ScanEntry, ScanResult } from '../change-feed';
import { datetimeLiteral } from '../query';
import { fetchByIds, scanRows } from '../reads';
import type { SnapshotEntry } from '../snapshot';

export interface WindowScanSpec {
  client: OnecClient;
  set: string;
  /** Extra fields the open/closed decision needs (e.g. Статус). */
  select: string[];
  /** Extra server-side filter (e.g. receipts linked to an order). */
  filter?: string;
  windowDays: number;
  now: Date;
  timeZone: string;
  keyPageSize: number;
  /** Open = still worth re-checking outside the window. */
  isOpen: (row: ODataRow) => boolean;
  version: (row: ODataRow) => string;
  tag?: string;
}

export function windowStart(now: Date, days: number, timeZone: string): string {
  return `${isoToNaive(new Date(now.getTime() - days * 86_400_000), timeZone).slice(0, 10)}T00:00:00`;
}

/** Scans one document set; `snapshot` is the adapter's snapshot (restricted to this tag when tagged). */
export async function scanWindow(spec: WindowScanSpec, snapshot: Map<string, SnapshotEntry>): Promise<ScanResult & { start: string }> {
  const start = windowStart(spec.now, spec.windowDays, spec.timeZone);
  const select = ['Ref_Key', 'DataVersion', 'DeletionMark', 'Date', 'Posted', ...spec.select];
  const byDate = `Date ge ${datetimeLiteral(start)}`;
  const rows = await scanRows(spec.client, spec.set, select, spec.filter ? `${byDate} and ${spec.filter}` : byDate, spec.keyPageSize);
  const mine = (e: SnapshotEntry): boolean => spec.tag === undefined || e.tag === spec.tag;
  const openOutside = [...snapshot].filter(([, e]) => mine(e) && e.open && (e.date ?? '') < start).map(([id]) => id);
  const rechecked = openOutside.length > 0 ? await fetchByIds(spec.client, spec.set, openOutside, select) : new Map<string, ODataRow>();
  const current = new Map<string, ScanEntry>();
  for (const r of [...rows, ...rechecked.values()]) {
    const deleted = toBool(r.DeletionMark);
    current.set(toStr(r.Ref_Key).toLowerCase(), {
      version: spec.version(r),
      deleted,
      date: toStr(r.Date),
      open: !deleted && spec.isOpen(r),
      ...(spec.tag ? { tag: spec.tag } : {}),
    });
  }
  const prune = [...snapshot].filter(([id, e]) => mine(e) && !e.open && (e.date ?? '') < start && !current.has(id)).map(([id]) => id);
  return {
    current,
    start,
    prune,
    inScope: (_id, e) => mine(e) && (e.open === true || (e.date ?? '') >= start),
  };
}
