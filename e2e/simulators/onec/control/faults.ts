import { mulberry32, type Rng } from '../seed/rng';

// Fault injection: infrastructure failures a real publication shows (IIS/Apache 500/503, hangs,
// connection resets, HTML pages instead of OData), with a probability or for the next N calls.

export type FaultKind = '500' | '503' | 'timeout' | 'reset' | 'html' | 'delay';

export interface FaultSpec {
  kind: FaultKind;
  /** 0..1, default 1. */
  probability?: number;
  /** Apply to the next N matching calls only; omitted = until cleared. */
  count?: number;
  /** Match an HTTP method (GET, POST…). */
  method?: string;
  /** Match the target entity set ('Catalog_ФизическиеЛица', '$metadata'…). */
  set?: string;
  /** For 'delay': added latency before normal processing. */
  delayMs?: number;
}

interface Rule extends FaultSpec {
  id: number;
  remaining?: number;
}

export class Faults {
  private rules: Rule[] = [];
  private nextId = 1;
  private rng: Rng;

  constructor(seed = 1) {
    this.rng = mulberry32(seed);
  }

  add(spec: FaultSpec): number {
    const id = this.nextId++;
    this.rules.push({ ...spec, id, remaining: spec.count });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultSpec[] {
    return this.rules.map(({ id: _id, remaining, ...spec }) => ({ ...spec, count: remaining }));
  }

  /** The fault to apply to this call, if any (consumes one use of a counted rule). */
  pick(method: string, target: string): FaultSpec | undefined {
    for (const r of this.rules) {
      if (r.method && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (r.set && r.set !== target) continue;
      if (r.remaining !== undefined && r.remaining <= 0) continue;
      if (this.rng() >= (r.probability ?? 1)) continue;
      if (r.remaining !== undefined) r.remaining--;
      this.rules = this.rules.filter((x) => x.remaining === undefined || x.remaining > 0);
      return r;
    }
    return undefined;
  }
}
