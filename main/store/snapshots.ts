/** SQLite-backed change-detection snapshots for the 1С connector (main/connectors/onec/snapshot.ts). */
import type { SnapshotEntry, SnapshotStore } from '../connectors/onec/snapshot';
import type { Db } from './db';

interface Row {
  id: string;
  version: string;
  date: string | null;
  open: number | null;
  tag: string | null;
}

export class SqliteSnapshotStore implements SnapshotStore {
  private readonly selectScope;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.selectScope = db.prepare('SELECT id, version, date, open, tag FROM onec_snapshots WHERE scope = ?');
    this.upsert = db.prepare(`INSERT INTO onec_snapshots (scope, id, version, date, open, tag) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (scope, id) DO UPDATE SET version = excluded.version, date = excluded.date, open = excluded.open, tag = excluded.tag`);
    this.remove = db.prepare('DELETE FROM onec_snapshots WHERE scope = ? AND id = ?');
  }

  async load(scope: string): Promise<Map<string, SnapshotEntry>> {
    const out = new Map<string, SnapshotEntry>();
    for (const r of this.selectScope.iterate(scope) as Iterable<Row>) {
      const e: SnapshotEntry = { version: r.version };
      if (r.date !== null) e.date = r.date;
      if (r.open !== null) e.open = r.open === 1;
      if (r.tag !== null) e.tag = r.tag;
      out.set(r.id, e);
    }
    return out;
  }

  async apply(scope: string, upserts: ReadonlyArray<readonly [string, SnapshotEntry]>, deletes: readonly string[]): Promise<void> {
    // One transaction: a crash leaves either the old snapshot or the new one, never half of it.
    this.db.transaction(() => {
      for (const [id, e] of upserts) this.upsert.run(scope, id, e.version, e.date ?? null, e.open === undefined ? null : e.open ? 1 : 0, e.tag ?? null);
      for (const id of deletes) this.remove.run(scope, id);
    })();
  }
}
