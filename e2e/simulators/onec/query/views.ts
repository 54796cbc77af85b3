import type { SetDef } from '../model/schema';
import type { Row } from '../edm/values';
import type { Infobase } from '../store/infobase';

// Readable rows of any entity set, derived from the store. Tabular-section sets and register
// record views are flattened on demand and cached until the next write.

export class Views {
  private cache = new Map<string, { version: number; rows: Row[] }>();

  constructor(private readonly ib: Infobase) {}

  rows(set: SetDef): Row[] {
    const version = this.ib.store.version;
    const hit = this.cache.get(set.name);
    if (hit && hit.version === version) return hit.rows;
    const rows = this.build(set);
    this.cache.set(set.name, { version, rows });
    return rows;
  }

  private build(set: SetDef): Row[] {
    const store = this.ib.store;
    switch (set.kind) {
      case 'catalog':
      case 'document':
        return [...store.table(set.name).values()];
      case 'tabular': {
        const out: Row[] = [];
        for (const owner of store.table(set.ownerSet).values()) {
          const ts = owner[set.tsName as string];
          if (Array.isArray(ts)) for (const r of ts) out.push(r as Row);
        }
        return out;
      }
      case 'register':
        return [...store.register(set.name).values()];
      case 'recordSet':
        return [...store.records(set.name).entries()].map(([k, rows]) => ({ Recorder_Key: k, RecordSet: rows }));
      case 'recordType': {
        const out: Row[] = [];
        for (const rows of store.records(set.ownerSet).values()) out.push(...rows);
        return out;
      }
    }
  }

  /** Stable identity of a row for tie-breaking and lookups. */
  identity(set: SetDef, row: Row): string {
    return set.kind === 'tabular' || set.kind === 'recordType'
      ? `${String(row.Ref_Key ?? row.Recorder_Key)}:${String(row.LineNumber).padStart(10, '0')}`
      : set.keys.map((k) => String(row[k])).join('\u0001');
  }
}
