import { mulberry32 } from '../../common/rng';

// Fault injection for the client's resilience tests: with a probability and/or for the next N calls, per
// method or for all. `lostResponse` applies the call first and then drops the connection, so a client must
// detect a create that happened although it never saw the answer (ARCHITECTURE.md convention 9).
export type FaultKind = 'http500' | 'http503' | 'error' | 'html' | 'hang' | 'reset' | 'lostResponse';

export interface FaultSpec {
  kind: FaultKind;
  /** top-level REST method (batch counts as "batch"); omitted or '*' = any */
  method?: string;
  /** 0..1; omitted = always (subject to `times`) */
  probability?: number;
  /** fire at most N times; omitted = unlimited */
  times?: number;
  /** before = nothing is applied; after = the call is applied, then the fault replaces the answer */
  phase?: 'before' | 'after';
  /** hang: drop the socket after this many real ms (default: keep it open until the client gives up) */
  hangMs?: number;
  /** kind 'error': HTTP status, code and description of the JSON error body; kind 'html': the status (default 502) */
  status?: number;
  code?: string;
  description?: string;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  fired: number;
}


export function defaultPhase(kind: FaultKind): 'before' | 'after' {
  return kind === 'lostResponse' ? 'after' : 'before';
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private rng: () => number;

  constructor(seed: number) {
    this.rng = mulberry32(seed);
  }

  add(spec: FaultSpec): number {
    const id = this.nextId++;
    this.faults.push({ ...spec, phase: spec.phase ?? defaultPhase(spec.kind), id, fired: 0 });
    return id;
  }

  remove(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  pick(method: string, phase: 'before' | 'after'): ActiveFault | undefined {
    for (const f of this.faults) {
      if (f.phase !== phase) continue;
      if (f.method && f.method !== '*' && f.method.toLowerCase() !== method.toLowerCase()) continue;
      if (f.probability !== undefined && this.rng() >= f.probability) continue;
      f.fired += 1;
      if (f.times !== undefined && f.fired >= f.times) this.remove(f.id);
      return { ...f };
    }
    return undefined;
  }
}
