// Simulated clock. Wall-clock timestamps (dates in records, `time.start`) stay real so a client's own clock
// agrees with the portal; only *durations* of the limits (bucket drain, 10-minute operating window, token
// lifetime, 60 s request cap) are compressed by `timeScale` (0.01 ⇒ 100× faster, same shape).
export type NowFn = () => number;

export class SimClock {
  private realAnchorMs: number;
  private simAnchorSec = 0;

  constructor(
    private scale: number,
    private readonly now: NowFn = Date.now,
  ) {
    if (!(scale > 0)) throw new Error('timeScale must be > 0');
    this.realAnchorMs = now();
  }

  get timeScale(): number {
    return this.scale;
  }

  /** Real epoch milliseconds. */
  nowMs(): number {
    return this.now();
  }

  /** Simulated seconds elapsed since the simulator started (monotonic across scale changes). */
  simSeconds(): number {
    return this.simAnchorSec + (this.now() - this.realAnchorMs) / 1000 / this.scale;
  }

  /** Real epoch ms at which the simulated clock reaches `simSec`. */
  realMsAtSim(simSec: number): number {
    return this.realAnchorMs + (simSec - this.simAnchorSec) * this.scale * 1000;
  }

  /** Real milliseconds that `simSec` simulated seconds take. */
  realMsFor(simSec: number): number {
    return simSec * this.scale * 1000;
  }

  setTimeScale(scale: number): void {
    if (!(scale > 0)) throw new Error('timeScale must be > 0');
    this.simAnchorSec = this.simSeconds();
    this.realAnchorMs = this.now();
    this.scale = scale;
  }
}
