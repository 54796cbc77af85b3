/**
 * Change-detection snapshots (ref §1.10): what the exchange last delivered for each object, `Ref_Key → version`.
 * 1С has no "changed since" for ordinary sets, so a scan of `Ref_Key, DataVersion` is diffed against this.
 * The interface is async so the lead can back it with SQLite; MemorySnapshotStore serves tests and benchmarks.
 */

export interface SnapshotEntry {
  /** The version last delivered to the engine (SourceRecord.version). */
  version: string;
  /** Documents: naive 1С date, to tell whether the object is still inside the date window. */
  date?: string;
  /** Documents: still open (re-checked even outside the date window). */
  open?: boolean;
  /** Which entity set the object lives in when one adapter spans several (person/company, payment kinds). */
  tag?: string;
}

export interface SnapshotStore {
  /** Everything stored for the scope (e.g. `onec:customer`). */
  load(scope: string): Promise<Map<string, SnapshotEntry>>;
  /** Upserts and deletes in one step; applying the same change twice is harmless. */
  apply(scope: string, upserts: ReadonlyArray<readonly [string, SnapshotEntry]>, deletes: readonly string[]): Promise<void>;
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly scopes = new Map<string, Map<string, SnapshotEntry>>();

  async load(scope: string): Promise<Map<string, SnapshotEntry>> {
    return new Map(this.scopes.get(scope) ?? []);
  }

  async apply(scope: string, upserts: ReadonlyArray<readonly [string, SnapshotEntry]>, deletes: readonly string[]): Promise<void> {
    let m = this.scopes.get(scope);
    if (!m) this.scopes.set(scope, (m = new Map()));
    for (const [id, e] of upserts) m.set(id, { ...e });
    for (const id of deletes) m.delete(id);
  }

  size(scope: string): number {
    return this.scopes.get(scope)?.size ?? 0;
  }
}
