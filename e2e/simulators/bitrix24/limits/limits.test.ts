import { describe, expect, it } from 'vitest';
import { SimClock } from '../core/clock';
import { LeakyBucket } from './leaky-bucket';
import { OperatingMeter } from './operating-meter';

function fakeClock(scale: number): { clock: SimClock; advance: (ms: number) => void } {
  let now = 1_700_000_000_000;
  const clock = new SimClock(scale, () => now);
  return { clock, advance: (ms) => (now += ms) };
}

describe('leaky bucket (ref §3.1)', () => {
  it('admits the burst, refuses the next, drains by rate', () => {
    const { clock, advance } = fakeClock(1);
    const b = new LeakyBucket(clock, 50, 2);
    for (let i = 0; i < 50; i++) expect(b.tryTake()).toBe(true);
    expect(b.tryTake()).toBe(false);
    advance(500); // 1 request drained
    expect(b.tryTake()).toBe(true);
    expect(b.tryTake()).toBe(false);
  });

  it('timeScale compresses draining with the same shape', () => {
    const { clock, advance } = fakeClock(0.01);
    const b = new LeakyBucket(clock, 50, 2);
    for (let i = 0; i < 50; i++) b.tryTake();
    expect(b.tryTake()).toBe(false);
    advance(100); // 10 simulated seconds = 20 requests
    for (let i = 0; i < 20; i++) expect(b.tryTake()).toBe(true);
    expect(b.tryTake()).toBe(false);
  });
});

describe('operating meter (ref §3.2)', () => {
  it('sums per credential and method over 10 one-minute buckets', () => {
    const { clock, advance } = fakeClock(1);
    const m = new OperatingMeter(clock);
    m.charge('hook:1', 'crm.contact.add', 100);
    advance(61_000);
    m.charge('hook:1', 'crm.contact.add', 100);
    m.charge('hook:1', 'crm.deal.add', 5);
    m.charge('app:x', 'crm.contact.add', 7);
    expect(m.status('hook:1', 'crm.contact.add').operating).toBe(200);
    expect(m.status('hook:1', 'crm.deal.add').operating).toBe(5);
    expect(m.isBlocked('hook:1', 'crm.contact.add', 200)).toBe(true);
    expect(m.isBlocked('hook:1', 'crm.deal.add', 200)).toBe(false);
    const reset = m.status('hook:1', 'crm.contact.add').resetAtMs;
    advance(reset - clock.nowMs() + 1);
    expect(m.status('hook:1', 'crm.contact.add').operating).toBe(100); // the first bucket left the window
    advance(60_000);
    expect(m.status('hook:1', 'crm.contact.add').operating).toBe(0);
  });

  it('reset time is reported in real time, compressed by timeScale', () => {
    const { clock } = fakeClock(0.01);
    const m = new OperatingMeter(clock);
    m.charge('hook:1', 'x', 1);
    const { resetAtMs } = m.status('hook:1', 'x');
    expect(resetAtMs - clock.nowMs()).toBeLessThanOrEqual(6_000); // 600 simulated s = 6 real s
    expect(resetAtMs - clock.nowMs()).toBeGreaterThan(5_000);
  });
});
