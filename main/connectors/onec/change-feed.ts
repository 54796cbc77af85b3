/**
 * Change detection by snapshot diff (ref §1.10, §4.2): scan `Ref_Key, DataVersion` (cheap), compare with the
 * snapshot, fetch only what changed, report deletions by absence (confirmed by a direct lookup, so a row that
 * shifted between `$skip` pages is never mistaken for a deleted one) or by `DeletionMark`.
 *
 * Delivery is at-least-once and crash-safe: the snapshot is advanced only when the engine comes back with the
 * cursor of a page it has processed — the cursor carries that page's acknowledgement (ids and versions).
 * The scan itself is cached in memory between pages; after a restart a new scan recomputes the same diff.
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
   * `queued` = how many changed objects this scan delivers in all (lets a source pick batch vs whole reads).
   */
  fetch(ids: string[], scan: Map<string, ScanEntry>, queued: number): Promise<Map<string, FetchedRecord<T>>>;
  /** Optional bulk read of everything, used when most objects changed (initial load). */
  fetchAll?(scan: Map<string, ScanEntry>): Promise<Map<string, FetchedRecord<T>>>;
  /** Of the given ids, those that really no longer exist. */
  confirmGone(ids: string[], snapshot: Map<string, SnapshotEntry>): Promise<string[]>;
}

export interface ChangeFeedOptions {
  /** Records per ChangePage. */
  pageSize?: number;
  /** Use fetchAll when more than this share of the scanned objects changed (and at least minBulk). */
  bulkShare?: number;
  minBulk?: number;
  /** A cached scan older than this is recomputed. */
  maxScanAgeMs?: number;
  now?: () => number;
}

interface PendingScan<T> {
  id: string;
  createdAt: number;
  queue: string[];
  gone: string[];
  silent: [string, SnapshotEntry][];
  prune: string[];
  current: Map<string, ScanEntry>;
  bulk: Map<string, FetchedRecord<T>> | null;
}

interface Cursor {
  v: 1;
  s: string;
  p: number;
  a: [string, SnapshotEntry][];
  d: string[];
}

function parseCursor(cursor: string | null): Cursor | null {
  if (!cursor) return null;
  try {
    const c = JSON.parse(cursor) as Partial<Cursor>;
    if (c.v !== 1 || typeof c.s !== 'string' || typeof c.p !== 'number' || !Array.isArray(c.a) || !Array.isArray(c.d)) return null;
    return c as Cursor;
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

    let scan = this.pending;
    let pos = 0;
    const reusable = scan && cursor && cursor.s === scan.id && cursor.p < scan.queue.length && this.now() - scan.createdAt < this.maxScanAgeMs;
    if (reusable && cursor) {
      pos = cursor.p;
    } else {
      scan = this.pending = await this.startScan();
    }
    if (!scan) throw new Error('unreachable');

    const ids = scan.queue.slice(pos, pos + this.pageSize);
    const fetched = scan.bulk ?? (ids.length > 0 ? await this.source.fetch(ids, scan.current, scan.queue.length) : new Map<string, FetchedRecord<T>>());
    const page: ChangePage<T> = { records: [], deletedIds: [], nextCursor: '', hasMore: false };
    const ack: [string, SnapshotEntry][] = [];
    const del: string[] = [];
    if (pos === 0) {
      page.deletedIds.push(...scan.gone);
      del.push(...scan.gone, ...scan.prune);
      ack.push(...scan.silent);
    }
    for (const id of ids) {
      const f = fetched.get(id);
      if (!f) continue; // vanished between scan and fetch: the next scan confirms it gone
      ack.push([id, f.entry]);
      if (f.record.deleted) page.deletedIds.push(id);
      else page.records.push(f.record);
    }
    const next = pos + ids.length;
    page.hasMore = next < scan.queue.length;
    // Last page: let the scan (and a bulk read of everything) go; a retry with any cursor simply rescans.
    if (!page.hasMore) this.pending = null;
    page.nextCursor = JSON.stringify({ v: 1, s: scan.id, p: next, a: ack, d: del } satisfies Cursor);
    return page;
  }

  private async startScan(): Promise<PendingScan<T>> {
    const snapshot = await this.store.load(this.source.scope);
    const result = await this.source.scan(snapshot);
    const { current } = result;
    const inScope = result.inScope ?? (() => true);
    const queue: string[] = [];
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
      queue.push(id);
    }
    const candidates = [...snapshot].filter(([id, e]) => !current.has(id) && inScope(id, e)).map(([id]) => id);
    const gone = candidates.length > 0 ? await this.source.confirmGone(candidates, snapshot) : [];
    let bulk: Map<string, FetchedRecord<T>> | null = null;
    if (this.source.fetchAll && queue.length >= this.minBulk && queue.length >= current.size * this.bulkShare) {
      bulk = await this.source.fetchAll(current);
    }
    return { id: `${this.now().toString(36)}-${(scanCounter++).toString(36)}`, createdAt: this.now(), queue, gone, silent, prune: result.prune ?? [], current, bulk };
  }
}

function entryOf(e: ScanEntry): SnapshotEntry {
  const { deleted: _deleted, ...rest } = e;
  return rest;
}
