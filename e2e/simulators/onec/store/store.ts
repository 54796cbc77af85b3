import { randomUUID } from 'node:crypto';
import type { Schema, SetDef } from '../model/schema';
import { EMPTY_REF, type Json, type Row } from '../edm/values';

// In-memory infobase: plain Maps indexed by Ref_Key (objects), by key string (independent registers)
// and by recorder (recorder-subordinate registers). Rows are stored in wire form (what JSON output shows).

export class Store {
  /** Catalogs and documents: set name → Ref_Key → row (TS arrays embedded). */
  readonly objects = new Map<string, Map<string, Row>>();
  /** Independent registers: set name → key string → record. */
  readonly registers = new Map<string, Map<string, Row>>();
  /** Recorder-subordinate registers: register set → recorder key → records. */
  readonly recordSets = new Map<string, Map<string, Row[]>>();
  /** Global mutation counter; sort caches and views key on it. */
  version = 0;
  private counters = new Map<string, number>();
  /** Optional deterministic GUID source (seeds); runtime creation uses randomUUID. */
  guid: () => string = () => randomUUID();

  constructor(readonly schema: Schema) {
    this.clear();
  }

  clear(): void {
    this.objects.clear();
    this.registers.clear();
    this.recordSets.clear();
    this.counters.clear();
    for (const name of this.schema.topLevel) {
      const s = this.schema.get(name) as SetDef;
      if (s.kind === 'catalog' || s.kind === 'document') this.objects.set(name, new Map());
      else if (s.kind === 'register') this.registers.set(name, new Map());
      else if (s.kind === 'recordSet') this.recordSets.set(name, new Map());
    }
    this.version++;
  }

  touch(): void {
    this.version++;
  }

  table(set: string): Map<string, Row> {
    const t = this.objects.get(set);
    if (!t) throw new Error(`Not an object set: ${set}`);
    return t;
  }

  register(set: string): Map<string, Row> {
    const t = this.registers.get(set);
    if (!t) throw new Error(`Not an independent register: ${set}`);
    return t;
  }

  records(set: string): Map<string, Row[]> {
    const t = this.recordSets.get(set);
    if (!t) throw new Error(`Not a recorder-subordinate register: ${set}`);
    return t;
  }

  /** Object by set and Ref_Key (lower-case). */
  get(set: string, key: string): Row | undefined {
    return this.objects.get(set)?.get(key.toLowerCase());
  }

  /** Next value of the code / number counter of a set (autonumbering). */
  next(set: string): number {
    const n = (this.counters.get(set) ?? 0) + 1;
    this.counters.set(set, n);
    return n;
  }

  /** Keep counters ahead of explicitly given numeric codes / numbers. */
  bump(set: string, value: Json): void {
    const n = typeof value === 'string' ? Number(value.replace(/^\D+/, '')) : typeof value === 'number' ? value : NaN;
    if (Number.isFinite(n) && n > (this.counters.get(set) ?? 0)) this.counters.set(set, n);
  }

  /** Resolve a (set, key) reference across catalogs and documents; empty/broken refs → undefined. */
  resolve(set: string | undefined, key: Json | undefined): Row | undefined {
    if (!set || typeof key !== 'string' || key === EMPTY_REF) return undefined;
    return this.objects.get(set)?.get(key.toLowerCase());
  }
}
