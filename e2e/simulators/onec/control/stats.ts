// Per-set call statistics: calls, bytes, statuses, and engine-side CPU time per request
// (process.cpuUsage around the synchronous OData handler; used later by the benchmark).

export interface RequestRecord {
  at: number;
  method: string;
  path: string;
  target: string;
  status: number;
  bytesIn: number;
  bytesOut: number;
  /** Engine CPU (user+system) spent in the handler, microseconds. */
  cpuMicros: number;
  /** Handler wall time, milliseconds (excludes injected delays and slow-first-request). */
  wallMs: number;
  user?: string;
  fault?: string;
}

export interface SetStats {
  calls: number;
  bytesIn: number;
  bytesOut: number;
  cpuMicros: number;
  wallMs: number;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
}

export interface StatsSnapshot {
  total: SetStats;
  perSet: Record<string, SetStats>;
  /** Most recent requests, oldest first (bounded). */
  recent: RequestRecord[];
}

const emptyStats = (): SetStats => ({ calls: 0, bytesIn: 0, bytesOut: 0, cpuMicros: 0, wallMs: 0, byMethod: {}, byStatus: {} });

function add(s: SetStats, r: RequestRecord): void {
  s.calls++;
  s.bytesIn += r.bytesIn;
  s.bytesOut += r.bytesOut;
  s.cpuMicros += r.cpuMicros;
  s.wallMs += r.wallMs;
  s.byMethod[r.method] = (s.byMethod[r.method] ?? 0) + 1;
  s.byStatus[String(r.status)] = (s.byStatus[String(r.status)] ?? 0) + 1;
}

export class Stats {
  private total = emptyStats();
  private perSet = new Map<string, SetStats>();
  private recent: RequestRecord[] = [];

  constructor(private readonly keep = 1000) {}

  record(r: RequestRecord): void {
    add(this.total, r);
    let s = this.perSet.get(r.target);
    if (!s) {
      s = emptyStats();
      this.perSet.set(r.target, s);
    }
    add(s, r);
    this.recent.push(r);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
  }

  snapshot(): StatsSnapshot {
    return structuredClone({ total: this.total, perSet: Object.fromEntries(this.perSet), recent: this.recent });
  }

  reset(): void {
    this.total = emptyStats();
    this.perSet.clear();
    this.recent = [];
  }
}
