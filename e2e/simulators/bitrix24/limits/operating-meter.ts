// Per-method "operating" time (ref §3.2): simulated server seconds summed over a sliding 10-minute window of
// one-minute buckets, keyed by credential (webhook / app) and method. At or above the limit the method is
// blocked (429 OPERATION_TIME_LIMIT) until old buckets leave the window; other methods keep working.
import type { SimClock } from '../core/clock';
import { OPERATING_BUCKET_SEC, OPERATING_WINDOW_SEC } from '../options';

type Buckets = Map<number, number>;

export interface OperatingStatus {
  operating: number;
  /** real epoch ms at which the oldest charged bucket leaves the window */
  resetAtMs: number;
}

export class OperatingMeter {
  private readonly usage = new Map<string, Buckets>();
  private readonly bucketsInWindow = OPERATING_WINDOW_SEC / OPERATING_BUCKET_SEC;

  constructor(private readonly clock: SimClock) {}

  charge(credential: string, method: string, seconds: number): void {
    if (seconds <= 0) return;
    const key = `${credential}|${method}`;
    const buckets = this.usage.get(key) ?? new Map<number, number>();
    const idx = this.currentBucket();
    buckets.set(idx, (buckets.get(idx) ?? 0) + seconds);
    this.usage.set(key, buckets);
  }

  status(credential: string, method: string): OperatingStatus {
    const buckets = this.usage.get(`${credential}|${method}`);
    const idx = this.currentBucket();
    let operating = 0;
    let oldest = Number.POSITIVE_INFINITY;
    if (buckets) {
      for (const [b, sec] of buckets) {
        if (b <= idx - this.bucketsInWindow) {
          buckets.delete(b);
          continue;
        }
        operating += sec;
        oldest = Math.min(oldest, b);
      }
    }
    const resetSim = Number.isFinite(oldest)
      ? (oldest + this.bucketsInWindow) * OPERATING_BUCKET_SEC
      : this.clock.simSeconds() + OPERATING_WINDOW_SEC;
    return { operating, resetAtMs: this.clock.realMsAtSim(resetSim) };
  }

  isBlocked(credential: string, method: string, limitSec: number): boolean {
    return this.status(credential, method).operating >= limitSec;
  }

  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of this.usage.keys()) {
      const [cred, method] = key.split('|');
      const s = this.status(cred, method);
      if (s.operating > 0) out[key] = Math.round(s.operating * 1e6) / 1e6;
    }
    return out;
  }

  reset(): void {
    this.usage.clear();
  }

  private currentBucket(): number {
    return Math.floor(this.clock.simSeconds() / OPERATING_BUCKET_SEC);
  }
}
