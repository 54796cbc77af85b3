import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySnapshotStore, type SnapshotStore } from '../connectors/onec/snapshot';
import { openDatabase } from './db';
import { SqliteSnapshotStore } from './snapshots';

async function exercise(store: SnapshotStore) {
  await store.apply('onec:order', [['a', { version: 'AAAAAAAAAAE=', date: '2026-12-01T10:00:00', open: true, tag: 'Document_ЗаказПокупателя' }], ['b', { version: 'v1' }]], []);
  await store.apply('onec:order', [['b', { version: 'v2' }], ['b', { version: 'v2' }]], ['a', 'missing']);
  await store.apply('onec:customer', [['a', { version: 'x' }]], []);
  return { orders: await store.load('onec:order'), customers: await store.load('onec:customer') };
}

describe('SqliteSnapshotStore', () => {
  it('behaves exactly like the in-memory store the connector is tested with', async () => {
    const db = openDatabase(':memory:');
    expect(await exercise(new SqliteSnapshotStore(db))).toEqual(await exercise(new MemorySnapshotStore()));
    db.close();
  });

  it('keeps every field across a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snap-'));
    const db = openDatabase(dir);
    await new SqliteSnapshotStore(db).apply('onec:order', [['a', { version: 'v', date: '2026-12-01T10:00:00', open: false, tag: 't' }]], []);
    db.close();
    const again = openDatabase(dir);
    expect(await new SqliteSnapshotStore(again).load('onec:order')).toEqual(new Map([['a', { version: 'v', date: '2026-12-01T10:00:00', open: false, tag: 't' }]]));
    again.close();
  });
});
