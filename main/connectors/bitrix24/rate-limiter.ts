/**
 * Client-side mirror of the portal's request bucket (ref §3.1): every HTTP request adds 1, the level drains at
 * `drainPerSec`; the portal refuses a request that would lift the level above `burst` (503 QUERY_LIMIT_EXCEEDED).
 * We send only when the mirror has room, so the portal never has to refuse us.
 *
 * A request is counted in full from the moment it is sent, but it starts draining in the mirror only once its
 * answer is back: the portal counted it somewhere in between, and network/queueing delays vary, so the mirror is
 * never emptier than the portal's bucket. When the portal refuses anyway (another client on the same portal or IP),
 * the mirror is topped up and a small safety margin grows for a while.
 */
import type { Clock } from './clock';

export interface BucketLimits {
  /** Professional: 50; Enterprise: 250. */
  burst: number;
  /** Professional: 2/s; Enterprise: 5/s. */
  drainPerSec: number;
}

export const PROFESSIONAL_LIMITS: BucketLimits = { burst: 50, drainPerSec: 2 };
export const ENTERPRISE_LIMITS: BucketLimits = { burst: 250, drainPerSec: 5 };

export class RequestBucket {
  private level = 0;
  private pending = 0;
  private at: number;
  private safety = 0;
  private queue: Promise<void> = Promise.resolve();
  private acceptedInRow = 0;
  /** Requests the portal refused with QUERY_LIMIT_EXCEEDED. */
  rejections = 0;

  constructor(private limits: BucketLimits, private readonly clock: Clock) {
    this.at = clock.now();
  }

  configure(limits: BucketLimits): void {
    this.drain();
    this.limits = limits;
  }

  get config(): BucketLimits {
    return this.limits;
  }

  /** Current level of the mirror, requests in flight included. */
  current(): number {
    this.drain();
    return this.level + this.pending;
  }

  /** Milliseconds until one more request fits. */
  delayMs(): number {
    this.drain();
    const room = this.limits.burst - this.safety + 1e-9;
    const excess = this.level + this.pending + 1 - room;
    if (excess <= 0) return 0;
    if (excess > this.level) return Math.max(5, Math.ceil(1000 / this.limits.drainPerSec / 4)); // wait for answers in flight
    return Math.ceil((excess / this.limits.drainPerSec) * 1000);
  }

  /** Waits for room, then counts the request; call the returned function when its answer (or failure) is in. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(async () => {
      for (let d = this.delayMs(); d > 0; d = this.delayMs()) await this.clock.sleep(d);
      this.pending += 1;
    });
    this.queue = turn.catch(() => undefined);
    return turn.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        this.drain();
        this.pending -= 1;
        this.level += 1;
      };
    });
  }

  /** The portal refused a request: it sees a fuller bucket than we do (other clients share it). */
  onRejected(): void {
    this.drain();
    this.rejections++;
    this.acceptedInRow = 0;
    this.safety = Math.min(this.safety + 1, Math.floor(this.limits.burst / 5));
    this.level = Math.max(this.level, this.limits.burst - this.pending);
  }

  /** A request went through: the safety margin shrinks back after a run of accepted requests. */
  onAccepted(): void {
    if (this.safety > 0 && ++this.acceptedInRow >= this.limits.burst) {
      this.safety--;
      this.acceptedInRow = 0;
    }
  }

  private drain(): void {
    const now = this.clock.now();
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.limits.drainPerSec);
    this.at = now;
  }
}
