import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../shared/domain';
import { ChangeFeed, type FeedSource, type FetchedRecord, type ScanEntry } from './change-feed';
import { MemorySnapshotStore, type SnapshotEntry } from './snapshot';

/** An in-memory "1С" of objects id → version, with a knob to hide rows from one scan (page shift). */
class FakeSource implements FeedSource<string> {
  readonly scope = 'test';
  objects = new Map<string, { version: string; deleted?: boolean }>();
  hiddenInNextScan = new Set<string>();
  fetches = 0;

  async scan() {
    const current = new Map<string, ScanEntry>();
    for (const [id, o] of this.objects) if (!this.hiddenInNextScan.has(id)) current.set(id, { version: o.version, deleted: !!o.deleted });
    this.hiddenInNextScan.clear();
    return { current };
  }

  async fetch(ids: string[]) {
    this.fetches++;
    const out = new Map<string, FetchedRecord<string>>();
    for (const id of ids) {
      const o = this.objects.get(id);
      if (!o) continue;
      const record: SourceRecord<string> = { id, version: o.version, deleted: !!o.deleted, data: `data-${id}` };
      out.set(id, { record, entry: { version: o.version } });
    }
    return out;
  }

  async confirmGone(ids: string[], _snapshot: Map<string, SnapshotEntry>) {
    return ids.filter((id) => !this.objects.has(id));
  }
}

async function drain(feed: ChangeFeed<string>, cursor: string | null) {
  const ids: string[] = [];
  const deleted: string[] = [];
  let page;
  do {
    page = await feed.listChanges(cursor);
    ids.push(...page.records.map((r) => r.id));
    deleted.push(...page.deletedIds);
    cursor = page.nextCursor;
  } while (page.hasMore);
  return { ids, deleted, cursor };
}

describe('ChangeFeed', () => {
  it('delivers everything once, then only what changed; deletions by absence and by mark', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 25; i++) src.objects.set(`id${i}`, { version: 'v1' });
    const store = new MemorySnapshotStore();
    const feed = new ChangeFeed(src, store, { pageSize: 10 });
    const first = await drain(feed, null);
    expect(first.ids.sort()).toEqual([...src.objects.keys()].sort());

    src.objects.set('id3', { version: 'v2' });
    src.objects.set('id4', { version: 'v2', deleted: true });
    src.objects.delete('id5');
    src.objects.set('new', { version: 'v1' });
    const second = await drain(feed, first.cursor);
    expect(second.ids.sort()).toEqual(['id3', 'new']);
    expect(second.deleted.sort()).toEqual(['id4', 'id5']);

    const idle = await drain(feed, second.cursor);
    expect(idle.ids).toEqual([]);
    expect(idle.deleted).toEqual([]);
  });

  it('advances the snapshot only when the engine comes back with the cursor (crash before that = redelivery)', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 5; i++) src.objects.set(`id${i}`, { version: 'v1' });
    const store = new MemorySnapshotStore();
    const feed = new ChangeFeed(src, store, { pageSize: 10 });
    await feed.listChanges(null); // delivered, but the engine "crashed" before persisting the cursor
    expect(store.size('test')).toBe(0);
    const restarted = new ChangeFeed(src, store, { pageSize: 10 });
    const again = await drain(restarted, null);
    expect(again.ids).toHaveLength(5);
    await restarted.listChanges(again.cursor);
    expect(store.size('test')).toBe(5);
  });

  it('re-reading the same cursor returns the same page (no skipped page on engine retry)', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 30; i++) src.objects.set(`id${String(i).padStart(2, '0')}`, { version: 'v1' });
    const feed = new ChangeFeed(src, new MemorySnapshotStore(), { pageSize: 10 });
    const p1 = await feed.listChanges(null);
    const p2 = await feed.listChanges(p1.nextCursor);
    const p2again = await feed.listChanges(p1.nextCursor);
    expect(p2again.records.map((r) => r.id)).toEqual(p2.records.map((r) => r.id));
  });

  it('does not report a row missing from one scan as deleted when it still exists (page shift)', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 5; i++) src.objects.set(`id${i}`, { version: 'v1' });
    const feed = new ChangeFeed(src, new MemorySnapshotStore(), { pageSize: 10 });
    const first = await drain(feed, null);
    src.hiddenInNextScan.add('id2');
    const second = await drain(feed, first.cursor);
    expect(second.deleted).toEqual([]);
  });

  it('reads in bulk when most objects changed, pulling the stream only as far as each page needs', async () => {
    const src = new FakeSource();
    let bulk = 0;
    let pulled = 0;
    const bulkSource: FeedSource<string> = Object.assign(Object.create(src) as FakeSource, {
      readAll: async function* (queued: ReadonlyMap<string, ScanEntry>) {
        bulk++;
        const ids = [...src.objects.keys()];
        for (let i = 0; i < ids.length; i += 15) {
          pulled++;
          yield [...(await src.fetch(ids.slice(i, i + 15))).values()].filter((f) => queued.has(f.record.id));
        }
      },
    });
    for (let i = 0; i < 50; i++) src.objects.set(`id${i}`, { version: 'v1' });
    const feed = new ChangeFeed(bulkSource, new MemorySnapshotStore(), { pageSize: 20, minBulk: 10 });
    const p1 = await feed.listChanges(null);
    expect(p1.records).toHaveLength(20);
    expect(pulled).toBe(2); // 30 records read for a page of 20, not all 50
    const rest = await drain(feed, p1.nextCursor);
    const all = [...p1.records.map((r) => r.id), ...rest.ids];
    expect(all).toHaveLength(50);
    expect(new Set(all).size).toBe(50);
    expect(bulk).toBe(1);
    expect(src.fetches).toBe(4); // the stream's reads, nothing fetched by id
  });

  it('bulk stream with repeats and gaps (rows shifting between $skip pages): each object once, the missed ones by id', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 40; i++) src.objects.set(`id${String(i).padStart(2, '0')}`, { version: 'v1' });
    const ids = [...src.objects.keys()];
    const byId: string[][] = [];
    const bulkSource: FeedSource<string> = Object.assign(Object.create(src) as FakeSource, {
      fetch: async (batch: string[]) => {
        byId.push(batch);
        return src.fetch(batch);
      },
      readAll: async function* () {
        // Page 2 repeats the end of page 1; id30..id34 are never yielded.
        yield [...(await src.fetch(ids.slice(0, 15))).values()];
        yield [...(await src.fetch(ids.slice(10, 30))).values()];
        yield [...(await src.fetch(ids.slice(35))).values()];
      },
    });
    const store = new MemorySnapshotStore();
    const feed = new ChangeFeed(bulkSource, store, { pageSize: 8, minBulk: 10 });
    const first = await drain(feed, null);
    expect(first.ids).toHaveLength(40);
    expect(new Set(first.ids).size).toBe(40);
    expect(byId).toEqual([['id30', 'id31', 'id32', 'id33', 'id34']]); // after the stream (3 reads), the missed ones by id
    await feed.listChanges(first.cursor);
    expect(store.size('test')).toBe(40);
  });

  it('serves a retried page again, acknowledges each page once and rescans on an older cursor', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 30; i++) src.objects.set(`id${String(i).padStart(2, '0')}`, { version: 'v1' });
    const store = new MemorySnapshotStore();
    const feed = new ChangeFeed(src, store, { pageSize: 10 });
    const p1 = await feed.listChanges(null);
    const p2 = await feed.listChanges(p1.nextCursor);
    expect(store.size('test')).toBe(10);
    const p3 = await feed.listChanges(p2.nextCursor);
    expect(store.size('test')).toBe(20);
    expect((await feed.listChanges(p2.nextCursor)).records.map((r) => r.id)).toEqual(p3.records.map((r) => r.id));
    expect(p3.hasMore).toBe(false);
    // The engine lost its last cursors and comes back with the first: a new scan delivers what is not acknowledged (page 3).
    const again = await drain(feed, p1.nextCursor);
    expect(again.ids.sort()).toEqual(p3.records.map((r) => r.id).sort());
    await feed.listChanges(again.cursor);
    expect(store.size('test')).toBe(30);
    expect((await drain(feed, null)).ids).toEqual([]);
  });

  it('a cursor of the previous format is acknowledged, then a new scan starts', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 3; i++) src.objects.set(`id${i}`, { version: 'v1' });
    const store = new MemorySnapshotStore();
    const feed = new ChangeFeed(src, store, { pageSize: 10 });
    const old = JSON.stringify({ v: 1, s: 'x', p: 2, a: [['id0', { version: 'v1' }], ['id1', { version: 'v1' }]], d: [] });
    const page = await drain(feed, old);
    expect(page.ids).toEqual(['id2']);
  });

  it('a bulk read failing half-way loses nothing: the retry rescans and delivers what is not acknowledged', async () => {
    const src = new FakeSource();
    for (let i = 0; i < 30; i++) src.objects.set(`id${String(i).padStart(2, '0')}`, { version: 'v1' });
    const ids = [...src.objects.keys()];
    let failOnce = true;
    const bulkSource: FeedSource<string> = Object.assign(Object.create(src) as FakeSource, {
      readAll: async function* () {
        yield [...(await src.fetch(ids.slice(0, 12))).values()];
        if (failOnce) {
          failOnce = false;
          throw new Error('network');
        }
        yield [...(await src.fetch(ids.slice(12))).values()];
      },
    });
    const store = new MemorySnapshotStore();
    const feed = new ChangeFeed(bulkSource, store, { pageSize: 10, minBulk: 10 });
    const p1 = await feed.listChanges(null);
    expect(p1.records).toHaveLength(10);
    await expect(feed.listChanges(p1.nextCursor)).rejects.toThrow('network'); // page 2 needed the failing read
    const rest = await drain(feed, p1.nextCursor); // the engine retries with the same cursor
    const delivered = [...p1.records.map((r) => r.id), ...rest.ids];
    expect(new Set(delivered)).toEqual(new Set(ids));
    await feed.listChanges(rest.cursor);
    expect(store.size('test')).toBe(30);
  });
});
