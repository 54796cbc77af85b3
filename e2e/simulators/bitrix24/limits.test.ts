// Request-rate bucket, per-method operating time, batch billing and the 60 s cap over HTTP (ref §3.1–§3.4).
import { describe, expect, it } from 'vitest';
import { ok, sleep, useSim, type Json } from './test/harness';

describe('leaky bucket → 503 QUERY_LIMIT_EXCEEDED (ref §3.1)', () => {
  const { sim, api } = useSim({ timeScale: 1 });

  /** Parallel requests; also returns how many could have drained meanwhile (the machine may be busy). */
  async function burst(n: number, drainPerSec: number): Promise<{ statuses: number[]; slack: number }> {
    const started = Date.now();
    const statuses = (await Promise.all(Array.from({ length: n }, () => api('server.time')))).map((r) => r.status);
    return { statuses, slack: Math.ceil(((Date.now() - started) / 1000) * drainPerSec) };
  }

  it('professional: 50 pass, the rest get 503 "Too many requests"; draining admits again', async () => {
    const { statuses, slack } = await burst(60, 2);
    const okCount = statuses.filter((s) => s === 200).length;
    expect(okCount).toBeGreaterThanOrEqual(50);
    expect(okCount).toBeLessThanOrEqual(50 + slack);
    expect(statuses.filter((s) => s === 503).length).toBe(60 - okCount);
    sim().control.setTimeScale(1000); // freeze draining (1 real s = 1 ms simulated) to look at one refusal
    const refused = await api('server.time');
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    // same shape, 100× faster: 0.2 s real = 20 simulated s = 40 requests drained
    sim().control.setTimeScale(0.01);
    await sleep(200);
    expect(sim().control.limits().bucketLevel).toBeLessThan(15);
    expect((await api('server.time')).status).toBe(200);
    sim().control.setTimeScale(1);
  });

  it('enterprise: burst 250', async () => {
    sim().control.setPlan('enterprise');
    sim().control.resetLimits();
    const { statuses, slack } = await burst(270, 5);
    const okCount = statuses.filter((s) => s === 200).length;
    expect(okCount).toBeGreaterThanOrEqual(250);
    expect(okCount).toBeLessThanOrEqual(250 + slack);
    expect(okCount).toBeLessThan(270);
    sim().control.setPlan('professional');
  });
});

describe('operating time → 429 OPERATION_TIME_LIMIT for that method only (ref §3.2)', () => {
  const { sim, api } = useSim({ timeScale: 1, costPerCallSec: { 'crm.contact.add': 50 }, operatingLimitSec: 200 });

  it('accumulates time.operating per method, blocks at the limit, frees after the window', async () => {
    const seen: number[] = [];
    let last: Json = {};
    for (let i = 0; i < 4; i++) {
      const r = await api('crm.contact.add', { fields: { NAME: `op${i}` } });
      expect(r.status).toBe(200);
      last = r.body.time as Json;
      seen.push(last.operating as number);
    }
    expect(seen).toEqual([50, 100, 150, 200]);
    const resetIn = (last.operating_reset_at as number) - Date.now() / 1000;
    expect(resetIn).toBeGreaterThan(530);
    expect(resetIn).toBeLessThanOrEqual(601);
    const blocked = await api('crm.contact.add', { fields: { NAME: 'blocked' } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('OPERATION_TIME_LIMIT');
    expect(sim().control.counts().contact).toBe(4);
    const other = await api('crm.contact.list', { select: ['ID'] });
    expect(other.status).toBe(200);
    expect((other.body.time as Json).operating).toBeCloseTo(0.01, 5);
    // 600 simulated seconds pass in 0.6 s at timeScale 0.001
    sim().control.setTimeScale(0.001);
    await sleep(700);
    const again = await api('crm.contact.add', { fields: { NAME: 'again' } });
    expect(again.status).toBe(200);
    expect((again.body.time as Json).operating).toBe(50);
    sim().control.setTimeScale(1);
  });
});

describe('batch billing (ref §3.2 Disagreement)', () => {
  const { sim, api } = useSim({ costPerCallSec: { 'crm.contact.add': 1 } });
  const fiveAdds = { cmd: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`a${i}`, `crm.contact.add?fields[NAME]=b${i}`])) };

  it("'submethods' (docs): each sub-call billed to its method; the batch reads 0", async () => {
    const r = await api('batch', fiveAdds);
    const times = (r.body.result as { result_time: Record<string, Json> }).result_time;
    expect(Object.values(times).map((t) => t.operating)).toEqual([1, 2, 3, 4, 5]);
    expect((r.body.time as Json).operating).toBe(0);
    expect((r.body.time as Json).processing).toBe(5);
    expect(sim().control.limits().operating).toEqual({ 'hook:1|crm.contact.add': 5 });
    sim().control.setOperatingLimit(5);
    const sub = ok<{ result_error: Record<string, Json> }>(await api('batch', { cmd: { x: 'crm.contact.add?fields[NAME]=x', t: 'server.time' } }));
    expect(sub.result_error.x.error).toBe('OPERATION_TIME_LIMIT');
    sim().control.setOperatingLimit(480);
  });

  it("'batch' (measured by SDK maintainers): billed to `batch`, sub-calls read 0; a blocked batch is 429 as a whole", async () => {
    sim().control.setBatchBilling('batch');
    sim().control.resetLimits();
    const r = await api('batch', fiveAdds);
    const times = (r.body.result as { result_time: Record<string, Json> }).result_time;
    expect(Object.values(times).map((t) => t.operating)).toEqual([0, 0, 0, 0, 0]);
    expect((r.body.time as Json).operating).toBe(5);
    expect(sim().control.limits().operating).toEqual({ 'hook:1|batch': 5 });
    sim().control.setOperatingLimit(5);
    const blocked = await api('batch', fiveAdds);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('OPERATION_TIME_LIMIT');
    expect((await api('crm.contact.add', { fields: { NAME: 'direct' } })).status).toBe(200);
    sim().control.setOperatingLimit(480);
    sim().control.setBatchBilling('submethods');
  });
});

describe('a request over 60 simulated seconds fails (ref §3.3)', () => {
  const { sim, api } = useSim();

  it('single call and batch: HTML 504, work before the cut-off stays applied', async () => {
    sim().control.setCosts({ 'crm.contact.add': 61 });
    const single = await api('crm.contact.add', { fields: { NAME: 'slow' } });
    expect(single.status).toBe(504);
    expect(single.headers.get('content-type')).toContain('text/html');
    expect(sim().control.counts().contact).toBe(1);
    sim().control.setCosts({ 'crm.contact.add': 10 });
    const cmd = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a${i}`, `crm.contact.add?fields[NAME]=s${i}`]));
    const batch = await api('batch', { cmd });
    expect(batch.status).toBe(504);
    expect(sim().control.counts().contact).toBe(1 + 7); // 7 × 10 s crosses 60 s
  });
});
