/**
 * Mirror of the portal's per-method "operating" budget (ref §3.2): server seconds per method summed over a sliding
 * 10-minute window; at or above the limit the method is refused with 429 OPERATION_TIME_LIMIT until old minutes leave
 * the window. The portal reports `time.operating` (accumulated) and `time.operating_reset_at` in every answer — we use
 * what it reports, per billing key: each method, and `batch` itself (sources disagree on who pays for a batch, so both
 * are tracked and a key is treated as billed only while the portal shows it growing).
 */
import type { Clock } from './clock';
import type { B24Time } from './envelope';

export interface OperatingConfig {
  /** Seconds of server time per method per window; 480 on cloud portals. */
  limitSec: number;
  /** Window length in milliseconds (600 000 on a real portal; shorter on a time-scaled simulator). */
  windowMs: number;
  /** Wait this long after `operating_reset_at`: the portal reports it in whole seconds. */
  resetMarginMs: number;
  /** Cost assumed for a method before the portal has told us, seconds. */
  defaultCostSec: number;
}

export const DEFAULT_OPERATING: OperatingConfig = { limitSec: 480, windowMs: 600_000, resetMarginMs: 1000, defaultCostSec: 0.05 };

export interface Charge {
  key: string;
  costSec: number;
}

interface KeyState {
  operating: number;
  resetAtMs: number;
  reportedAtMs: number;
  /** undefined: not known yet (treated as billed). */
  billed: boolean | undefined;
  inflight: number;
  inflightCount: number;
  /** Refused by the portal: nothing for this key before this time. */
  blockedUntilMs: number;
  /** After the reset time passed without a new report: one request at a time finds out the new level. */
  probing: boolean;
  /** When the last request was let through the headroom near the limit. */
  lastProbeMs: number;
  /** Typical charge of one request on this key (seconds). */
  avgCharge: number;
}

export class OperatingBudget {
  private readonly keys = new Map<string, KeyState>();
  private readonly costs = new Map<string, number>();
  /** Requests the portal refused with OPERATION_TIME_LIMIT (whole requests or batch sub-calls). */
  rejections = 0;
  /** Total time spent waiting for the budget, ms. */
  waitedMs = 0;
  /** Requests let through the headroom to find the moment the budget frees up. */
  probes = 0;
  /** The limit learned from the portal's refusals, when lower than configured. */
  learnedLimit: number | null = null;

  constructor(private cfg: OperatingConfig, private readonly clock: Clock) {}

  configure(cfg: Partial<OperatingConfig>): void {
    this.cfg = { ...this.cfg, ...cfg };
  }

  get config(): OperatingConfig {
    return this.cfg;
  }

  /** Estimated server seconds of one call of `method`. */
  estimate(method: string): number {
    return this.costs.get(method) ?? this.cfg.defaultCostSec;
  }

  /** Learns the cost of one call from the portal's `processing`/`duration` of that call. */
  observeCost(method: string, seconds: number | undefined): void {
    if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return;
    const prev = this.costs.get(method);
    this.costs.set(method, prev === undefined ? seconds : prev * 0.8 + seconds * 0.2);
  }

  /** What the portal reported for a key after a call. */
  report(key: string, time: B24Time | undefined): void {
    if (!time || typeof time.operating !== 'number') return;
    const s = this.state(key);
    const now = this.clock.now();
    s.operating = time.operating;
    if (typeof time.operating_reset_at === 'number') s.resetAtMs = time.operating_reset_at * 1000;
    s.reportedAtMs = now;
    s.probing = false;
    if (time.operating > 0) s.billed = true;
    else if (s.billed === undefined) s.billed = false;
  }

  /** The portal refused a call on this key (429 OPERATION_TIME_LIMIT). */
  onRefused(key: string, attempt: number): number {
    this.rejections++;
    const s = this.state(key);
    const now = this.clock.now();
    // The portal's limit is "set by configuration" (ref §3.2): a refusal right after a report of O seconds means the
    // limit is at most O. Learn it, so the next windows are filled to the real limit, not to our default.
    if (s.operating > 0 && s.operating < this.cfg.limitSec && now - s.reportedAtMs <= this.cfg.windowMs / 10) {
      this.cfg = { ...this.cfg, limitSec: s.operating };
      this.learnedLimit = s.operating;
    }
    s.billed = true;
    s.operating = Math.max(s.operating, this.cfg.limitSec);
    // operating_reset_at comes in whole seconds (floored): the margin covers the lost fraction.
    const byReset = s.resetAtMs + this.cfg.resetMarginMs > now ? s.resetAtMs + this.cfg.resetMarginMs : 0;
    const fallback = now + Math.min(this.cfg.windowMs / 10, (this.cfg.windowMs / 60) * 2 ** attempt);
    s.blockedUntilMs = byReset > 0 ? byReset : fallback;
    s.probing = true;
    return s.blockedUntilMs - now;
  }

  /**
   * Milliseconds to wait before these charges fit (0 = go now).
   *
   * Normal admission stops a little below the limit (headroom ≈ 8 typical requests). Once the portal's reset time
   * has come (it is reported in whole seconds, so the real moment lies up to a second later), one request at a time
   * is let through the headroom every `resetMarginMs / 8`: each answer reports the level again, and the moment old
   * minutes have left the window the level drops and full speed resumes — without a single refusal.
   */
  delayMs(charges: Charge[]): number {
    const now = this.clock.now();
    let wait = 0;
    for (const c of charges) {
      const s = this.state(c.key);
      if (s.blockedUntilMs > now) {
        wait = Math.max(wait, s.blockedUntilMs - now);
        continue;
      }
      if (s.billed === false) continue;
      if (s.probing) {
        if (s.inflightCount > 0) wait = Math.max(wait, this.pollMs());
        continue;
      }
      if (now - s.reportedAtMs > this.cfg.windowMs) s.operating = 0;
      const used = s.operating + s.inflight + c.costSec;
      if (used <= this.cfg.limitSec - this.headroom(s) || (s.operating === 0 && s.inflightCount === 0)) continue;
      if (now < s.resetAtMs) {
        wait = Math.max(wait, s.resetAtMs - now);
      } else if (used <= this.cfg.limitSec) {
        const next = s.lastProbeMs + this.probeIntervalMs();
        if (s.inflightCount > 0 || next > now) wait = Math.max(wait, s.inflightCount > 0 ? this.pollMs() : next - now);
      } else if (s.resetAtMs + this.cfg.resetMarginMs > now) {
        wait = Math.max(wait, s.resetAtMs + this.cfg.resetMarginMs - now);
      } else if (s.inflightCount > 0) {
        wait = Math.max(wait, this.pollMs());
      } else {
        // The reset time passed and nothing is in flight: the level fell by an amount only the portal knows.
        s.probing = true;
      }
    }
    return wait;
  }

  /** Waits until the charges fit, then reserves them. Call the returned release() when the answer is in. */
  async admit(charges: Charge[]): Promise<() => void> {
    const started = this.clock.now();
    for (let d = this.delayMs(charges); d > 0; d = this.delayMs(charges)) await this.clock.sleep(d);
    const now = this.clock.now();
    this.waitedMs += now - started;
    for (const c of charges) {
      const s = this.state(c.key);
      if (s.operating + s.inflight + c.costSec > this.cfg.limitSec - this.headroom(s)) {
        s.lastProbeMs = now;
        this.probes++;
      }
      s.inflight += c.costSec;
      s.inflightCount++;
      s.avgCharge = s.avgCharge === 0 ? c.costSec : s.avgCharge * 0.9 + c.costSec * 0.1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const c of charges) {
        const s = this.state(c.key);
        s.inflight = Math.max(0, s.inflight - c.costSec);
        s.inflightCount--;
      }
    };
  }

  private headroom(s: KeyState): number {
    return Math.min(this.cfg.limitSec * 0.1, Math.max(this.cfg.limitSec * 0.01, 8 * s.avgCharge));
  }

  private probeIntervalMs(): number {
    return Math.max(5, this.cfg.resetMarginMs / 8);
  }

  /** Reported level of a key (for statistics and tests). */
  operatingOf(key: string): number {
    return this.keys.get(key)?.operating ?? 0;
  }

  isBilled(key: string): boolean | undefined {
    return this.keys.get(key)?.billed;
  }

  private pollMs(): number {
    return Math.max(5, Math.min(250, this.cfg.windowMs / 2400));
  }

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      s = { operating: 0, resetAtMs: 0, reportedAtMs: 0, billed: undefined, inflight: 0, inflightCount: 0, blockedUntilMs: 0, probing: false, lastProbeMs: 0, avgCharge: 0 };
      this.keys.set(key, s);
    }
    return s;
  }
}
