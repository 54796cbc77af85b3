import { describe, expect, it } from 'vitest';
import type { Clock } from './clock';
import { OperatingBudget } from './operating-budget';
import { RequestBucket } from './rate-limiter';

/** A clock whose sleep advances time instantly. */
function fakeClock(start = 1_000_000): Clock & { t: number; slept: number[] } {
  const c = {
    t: start,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

const cfg = { limitSec: 100, windowMs: 600_000, resetMarginMs: 1000, defaultCostSec: 1 };

describe('OperatingBudget', () => {
  it('fills the budget up to a headroom, then waits for the reported reset time', async () => {
    const clock = fakeClock();
    const b = new OperatingBudget(cfg, clock);
    const resetAt = (clock.t + 300_000) / 1000;
    for (let i = 0; i < 92; i++) {
      const release = await b.admit([{ key: 'm', costSec: 1 }]);
      release();
      b.report('m', { operating: i + 1, operating_reset_at: resetAt });
    }
    expect(clock.slept).toEqual([]);
    // 92 + 1 > 100 − headroom(8 × 1) → nothing frees before the reset time
    expect(b.delayMs([{ key: 'm', costSec: 1 }])).toBe(300_000);
    // other methods are not held
    expect(b.delayMs([{ key: 'other', costSec: 1 }])).toBe(0);
  });

  it('after the reset time, lets one request at a time through the headroom until the level drops — no refusal', async () => {
    const clock = fakeClock();
    const b = new OperatingBudget(cfg, clock);
    const resetAtMs = clock.t + 10_000;
    let level = 0;
    // the portal frees the oldest minute (60 s) 700 ms after the reported (floored) second
    const portalLevel = () => (clock.t >= resetAtMs + 700 ? level - 60 : level);
    const send = async () => {
      const release = await b.admit([{ key: 'm', costSec: 1 }]);
      if (portalLevel() >= 100) throw new Error('portal would refuse');
      level += 1;
      release();
      b.report('m', { operating: portalLevel(), operating_reset_at: Math.floor(resetAtMs / 1000) });
    };
    for (let i = 0; i < 92; i++) await send();
    const probesBefore = b.probes;
    const t0 = clock.t;
    for (let i = 0; i < 20; i++) await send();
    expect(b.probes - probesBefore).toBeGreaterThan(0);
    expect(b.probes - probesBefore).toBeLessThanOrEqual(8);
    // resumed within one probe interval (125 ms) of the real reset, instead of reset + 1 s margin
    expect(clock.t - (resetAtMs + 700)).toBeLessThanOrEqual(125);
    expect(clock.t).toBeGreaterThan(t0);
    expect(b.rejections).toBe(0);
  });

  it('learns a lower limit from a refusal and waits for the reset plus margin', () => {
    const clock = fakeClock();
    const b = new OperatingBudget(cfg, clock);
    b.report('m', { operating: 40, operating_reset_at: (clock.t + 5000) / 1000 });
    const wait = b.onRefused('m', 0);
    expect(b.learnedLimit).toBe(40);
    expect(b.config.limitSec).toBe(40);
    expect(wait).toBe(6000);
  });

  it('treats a key the portal does not bill (operating stays 0) as free', async () => {
    const clock = fakeClock();
    const b = new OperatingBudget({ ...cfg, limitSec: 1 }, clock);
    b.report('batch', { operating: 0, operating_reset_at: 0 });
    for (let i = 0; i < 10; i++) (await b.admit([{ key: 'batch', costSec: 5 }]))();
    expect(clock.slept).toEqual([]);
    expect(b.isBilled('batch')).toBe(false);
  });
});

describe('RequestBucket', () => {
  it('lets the burst through, then one request per 1/drain seconds, counting requests in flight', async () => {
    const clock = fakeClock();
    const bucket = new RequestBucket({ burst: 5, drainPerSec: 2 }, clock);
    const settles: (() => void)[] = [];
    for (let i = 0; i < 5; i++) settles.push(await bucket.acquire());
    expect(clock.slept).toEqual([]);
    // five in flight and not answered yet: the mirror does not drain them
    expect(bucket.delayMs()).toBeGreaterThan(0);
    settles.forEach((s) => s());
    const t0 = clock.t;
    (await bucket.acquire())();
    expect(clock.t - t0).toBeGreaterThanOrEqual(500);
    (await bucket.acquire())();
    expect(clock.t - t0).toBeGreaterThanOrEqual(1000);
  });

  it('after a refusal treats the bucket as full and keeps a safety margin for a while', async () => {
    const clock = fakeClock();
    const bucket = new RequestBucket({ burst: 50, drainPerSec: 2 }, clock);
    bucket.onRejected();
    expect(bucket.rejections).toBe(1);
    expect(bucket.delayMs()).toBeGreaterThanOrEqual(1000); // full, and one slot of safety
  });
});
