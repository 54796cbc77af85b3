// Call counters: HTTP requests received per top-level method, and handler executions per method
// (batch sub-calls included).
export interface CallStatsSnapshot {
  httpRequests: number;
  http: Record<string, number>;
  executed: Record<string, number>;
}

export class CallStats {
  private http = new Map<string, number>();
  private executed = new Map<string, number>();
  private total = 0;

  received(method: string): void {
    this.total += 1;
    this.http.set(method, (this.http.get(method) ?? 0) + 1);
  }

  ran(method: string): void {
    this.executed.set(method, (this.executed.get(method) ?? 0) + 1);
  }

  snapshot(): CallStatsSnapshot {
    return { httpRequests: this.total, http: Object.fromEntries(this.http), executed: Object.fromEntries(this.executed) };
  }

  reset(): void {
    this.http.clear();
    this.executed.clear();
    this.total = 0;
  }
}
