/**
 * Change detection by snapshot diff (ref §1.10, §4.2): scan `Ref_Key, DataVersion` (cheap), compare with the
 * snapshot, fetch only what changed, report deletions by absence (confirmed by a direct lookup, so a row that
 * shifted between `$skip` pages is never mistaken for a deleted one) or by `DeletionMark`.
 *
 * Delivery is at-least-once and crash-safe: the snapshot is advanced only when the engine comes back with the
 * cursor of a page it has processed — the cursor carries that page's acknowledgement (ids and versions).
 *
 * Memory stays bounded by a page, not by the number of changes: between pages the feed keeps only the changed
 * ids still to deliver (with their scan entries) and the last page served (so a retry with the same cursor gets
 * the same page). Full records are read per page — by ids, or, when most objects changed (initial load), from a
 * streamed bulk read that is consumed only as far as the page being built needs. After a restart, or when the
 * engine comes back with any older cursor, a new scan recomputes the diff from the acknowledged snapshot.
 */
import type { ChangePage } from '../types';
import type { SourceRecord } from '../../../shared/domain';
import type { SnapshotEntry, SnapshotStore } from './snapshot';

export interface ScanEntry extends SnapshotEntry {
  /** Marked for deletion (DeletionMark). */
  deleted: boolean;
}

export interface ScanResult {
  current: Map<string, ScanEntry>;
  /** Whether a snapshot entry was within this scan's reach (document date window); default: all were. */
  inScope?: (id: string, entry: SnapshotEntry) => boolean;
  /** Snapshot entries to forget without reporting (closed documents that left the window). */
  prune?: string[];
}

export interface FetchedRecord<T> {
  record: SourceRecord<T>;
  entry: SnapshotEntry;
}

export interface FeedSource<T> {
  /** Snapshot scope, e.g. `onec:customer`. */
  readonly scope: string;
  scan(snapshot: Map<string, SnapshotEntry>): Promise<ScanResult>;
  /**
   * Full records of the given ids (those no longer existing are simply absent from the result).
   * `queued` = the changed objects still to deliver in this scan (id → scan entry; a superset of `ids`),
   * `total` = how many this scan delivers in all (lets a source pick batch vs whole reads).
   */
  fetch(ids: string[], queued: ReadonlyMap<string, ScanEntry>, total: number): Promise<Map<string, FetchedRecord<T>>>;
  /**
   * Optional streamed bulk read of everything, used when most objects changed (initial load): pages of records,
   * in any order, repeats allowed. The feed pulls a page only when the page it builds needs more records and
   * stops early when everything queued is delivered, so the source should read 1С lazily, page by page.
   * Records of ids not in `queued` are ignored (the source may skip them); queued ids the stream never yields
   * (rows shifted between `$skip` pages) are fetched by id afterwards.
   */
  readAll?(queued: ReadonlyMap<string, ScanEntry>): AsyncIterable<FetchedRecord<T>[]>;
  /** Of the given ids, those that really no longer exist. */
  confirmGone(ids: string[], snapshot: Map<string, SnapshotEntry>): Promise<string[]>;
}

export interface ChangeFeedOptions {
  /** Records per ChangePage. */
  pageSize?: number;
  /** Use readAll when more than this share of the scanned objects changed (and at least minBulk). */
  bulkShare?: number;
  minBulk?: number;
  /** A cached scan older than this is recomputed. */
  maxScanAgeMs?: number;
  now?: () => number;
}

interface PendingScan<T> {
  id: string;
  createdAt: number;
  /** Changed objects not yet delivered (scan order); an id leaves once a page has taken it. */
  remaining: Map<string, ScanEntry>;
  /** How many changed objects this scan delivers in all. */
  total: number;
  /** First page only: confirmed deletions, silent snapshot updates, entries to forget. */
  gone: string[];
  silent: [string, SnapshotEntry][];
  prune: string[];
  /** Streamed bulk read (null once exhausted or when reading by ids) and its records not yet taken. */
  bulk: AsyncIterator<FetchedRecord<T>[]> | null;
  buffer: FetchedRecord<T>[];
  /** Pages served so far, and the last one (served again on a retry with the same cursor). */
  served: number;
  last: { index: number; page: ChangePage<T> } | null;
  done: boolean;
}

interface Cursor {
  v: 2;
  /** Scan id. */
  s: string;
  /** Index of the page this cursor asks for. */
  p: number;
  /** Acknowledgement of the page before it: upserts and deletes for the snapshot. */
  a: [string, SnapshotEntry][];
  d: string[];
}

function parseCursor(cursor: string | null): Cursor | null {
  if (!cursor) return null;
  try {
    const c = JSON.parse(cursor) as Partial<Omit<Cursor, 'v'>> & { v?: unknown };
    // v1 cursors (position in the scan queue) carry an acknowledgement of the same shape: apply it, then rescan.
    if ((c.v !== 1 && c.v !== 2) || typeof c.s !== 'string' || typeof c.p !== 'number' || !Array.isArray(c.a) || !Array.isArray(c.d)) return null;
    return c.v === 2 ? (c as Cursor) : { ...(c as Cursor), v: 2, s: '' };
  } catch {
    return null;
  }
}

let scanCounter = 0;

export class ChangeFeed<T> {
  private pending: PendingScan<T> | null = null;
  private readonly pageSize: number;
  private readonly bulkShare: number;
  private readonly minBulk: number;
  private readonly maxScanAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: FeedSource<T>,
    private readonly store: SnapshotStore,
    options: ChangeFeedOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200;
    this.bulkShare = options.bulkShare ?? 0.2;
    this.minBulk = options.minBulk ?? 500;
    this.maxScanAgeMs = options.maxScanAgeMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  async listChanges(cursorText: string | null): Promise<ChangePage<T>> {
    const cursor = parseCursor(cursorText);
    // The engine came back with this cursor: the page it acknowledges is processed — advance the snapshot.
    if (cursor && (cursor.a.length > 0 || cursor.d.length > 0)) await this.store.apply(this.source.scope, cursor.a, cursor.d);

    const scan = this.pending;
    if (scan && cursor && cursor.s === scan.id && this.now() - scan.createdAt < this.maxScanAgeMs) {
      // A retry of the last request: the same page again.
      if (scan.last && scan.last.index === cursor.p) return scan.last.page;
      // The next page: the one before it is acknowledged, so it is let go.
      if (!scan.done && cursor.p === scan.served) return this.serve(scan);
    }
    // First call, a restart, an older cursor or a finished/stale scan: scan again from the acknowledged snapshot.
    await this.release();
    const fresh = (this.pending = await this.startScan());
    return this.serve(fresh);
  }

  /** A page that failed half-way (a read error) leaves the scan inconsistent: drop it, a retry rescans. */
  private async serve(scan: PendingScan<T>): Promise<ChangePage<T>> {
    try {
      return await this.nextPage(scan);
    } catch (err) {
      if (this.pending === scan) await this.release();
      throw err;
    }
  }

  private async nextPage(scan: PendingScan<T>): Promise<ChangePage<T>> {
    scan.last = null;
    const index = scan.served;
    const page: ChangePage<T> = { records: [], deletedIds: [], nextCursor: '', hasMore: false };
    const ack: [string, SnapshotEntry][] = [];
    const del: string[] = [];
    if (index === 0) {
      page.deletedIds.push(...scan.gone);
      del.push(...scan.gone, ...scan.prune);
      ack.push(...scan.silent);
      scan.gone = [];
      scan.silent = [];
      scan.prune = [];
    }
    const take = (f: FetchedRecord<T>, id: string): void => {
      scan.remaining.delete(id);
      ack.push([id, f.entry]);
      if (f.record.deleted) page.deletedIds.push(id);
      else page.records.push(f.record);
    };
    let taken = 0;
    // Bulk: take queued records from the stream, pulling a further page only when this one needs more.
    while (taken < this.pageSize && scan.remaining.size > 0 && (scan.buffer.length > 0 || scan.bulk)) {
      const f = scan.buffer.pop();
      if (!f) {
        const next = await (scan.bulk as AsyncIterator<FetchedRecord<T>[]>).next();
        if (next.done) scan.bulk = null;
        else scan.buffer = next.value.slice().reverse();
        continue;
      }
      const id = f.record.id;
      if (!scan.remaining.has(id)) continue; // unchanged, or already delivered (a repeat across `$skip` pages)
      take(f, id);
      taken++;
    }
    // By ids: the scan was small, or the stream is over and missed some (rows shifted between its pages).
    if (taken < this.pageSize && scan.remaining.size > 0 && !scan.bulk && scan.buffer.length === 0) {
      const ids: string[] = [];
      for (const id of scan.remaining.keys()) {
        if (ids.length >= this.pageSize - taken) break;
        ids.push(id);
      }
      const fetched = await this.source.fetch(ids, scan.remaining, scan.total);
      for (const id of ids) {
        const f = fetched.get(id);
        // Vanished between scan and fetch: not acknowledged, so the next scan confirms it gone (or finds it again).
        if (!f) scan.remaining.delete(id);
        else take(f, id);
      }
    }
    page.hasMore = scan.remaining.size > 0;
    scan.served = index + 1;
    page.nextCursor = JSON.stringify({ v: 2, s: scan.id, p: index + 1, a: ack, d: del } satisfies Cursor);
    if (!page.hasMore) {
      // Finished: stop the bulk read; only the last page stays, for a retry of the same request.
      scan.done = true;
      await this.closeBulk(scan);
    }
    scan.last = { index, page };
    return page;
  }

  private async closeBulk(scan: PendingScan<T>): Promise<void> {
    const it = scan.bulk;
    scan.bulk = null;
    scan.buffer = [];
    if (it?.return) await it.return().catch(() => undefined);
  }

  private async release(): Promise<void> {
    const old = this.pending;
    this.pending = null;
    if (old) await this.closeBulk(old);
  }

  private async startScan(): Promise<PendingScan<T>> {
    let snapshot: Map<string, SnapshotEntry> | null = await this.store.load(this.source.scope);
    let result: ScanResult | null = await this.source.scan(snapshot);
    const current = result.current;
    const inScope = result.inScope ?? (() => true);
    const remaining = new Map<string, ScanEntry>();
    const silent: [string, SnapshotEntry][] = [];
    for (const [id, e] of current) {
      const known = snapshot.get(id);
      if (known && known.version === e.version) {
        // Same version; keep document flags (open/closed) current without re-delivering.
        if (known.open !== e.open || known.date !== e.date || known.tag !== e.tag) silent.push([id, entryOf(e)]);
        continue;
      }
      if (!known && e.deleted) {
        silent.push([id, entryOf(e)]); // never delivered and already marked for deletion: nothing to tell
        continue;
      }
      remaining.set(id, e);
    }
    const candidates: string[] = [];
    for (const [id, e] of snapshot) if (!current.has(id) && inScope(id, e)) candidates.push(id);
    const gone = candidates.length > 0 ? await this.source.confirmGone(candidates, snapshot) : [];
    const scanned = current.size;
    const prune = result.prune ?? [];
    // Only the changed objects are kept from here on: the snapshot and the full scan are let go.
    snapshot = null;
    result = null;
    const total = remaining.size;
    const bulk = this.source.readAll && total >= this.minBulk && total >= scanned * this.bulkShare ? this.source.readAll(remaining)[Symbol.asyncIterator]() : null;
    return {
      id: `${this.now().toString(36)}-${(scanCounter++).toString(36)}`,
      createdAt: this.now(),
      remaining,
      total,
      gone,
      silent,
      prune,
      bulk,
      buffer: [],
      served: 0,
      last: null,
      done: false,
    };
  }
}

function entryOf(e: ScanEntry): SnapshotEntry {
  const { deleted: _deleted, ...rest } = e;
  return rest;
}
