// Per-portal request counter (ref §3.1): every HTTP request adds 1, the counter drains by `drainPerSec`
// (simulated seconds); a request that would push it above `burst` is refused with 503 QUERY_LIMIT_EXCEEDED.
import type { SimClock } from '../core/clock';

export class LeakyBucket {
  private level = 0;
  private lastSim: number;

  constructor(
    private readonly clock: SimClock,
    private burst: number,
    private drainPerSec: number,
  ) {
    this.lastSim = clock.simSeconds();
  }

  configure(burst: number, drainPerSec: number): void {
    this.drain();
    this.burst = burst;
    this.drainPerSec = drainPerSec;
  }

  /** true = admitted (and counted), false = over the limit (not counted). */
  tryTake(): boolean {
    this.drain();
    if (this.level + 1 > this.burst) return false;
    this.level += 1;
    return true;
  }

  current(): number {
    this.drain();
    return this.level;
  }

  reset(): void {
    this.level = 0;
    this.lastSim = this.clock.simSeconds();
  }

  private drain(): void {
    const now = this.clock.simSeconds();
    this.level = Math.max(0, this.level - (now - this.lastSim) * this.drainPerSec);
    this.lastSim = now;
  }
}
