// The client under the portal simulator's real limits and faults (time-scaled).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBitrix24Simulator, type Bitrix24Sim } from '../../../e2e/simulators/bitrix24';
import { runJobs, type Job } from './batch';
import { createBitrix24Client } from './factory';
import { scanAll } from './scan';
import { simClient } from './testing/sim';

const SCALE = 0.002; // 10-minute window = 1.2 s, bucket drains 1000/s
let sim: Bitrix24Sim;
beforeAll(async () => {
  sim = await startBitrix24Simulator({ timeScale: SCALE });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.reset();
  sim.control.setBatchBilling('submethods');
  sim.control.setOperatingLimit(480);
  sim.control.setCosts(0.01);
});

const createJob = (ref: string): Job => ({
  method: 'crm.contact.add',
  params: { fields: { NAME: ref, ORIGINATOR_ID: 'test', ORIGIN_ID: ref } },
  lookup: {
    command: { method: 'crm.contact.list', params: { filter: { '=ORIGIN_ID': ref, '=ORIGINATOR_ID': 'test' }, select: ['ID'] } },
    pick: (r) => (Array.isArray(r) && r[0] ? Number((r[0] as { ID: string }).ID) : null),
  },
});

describe('client against the simulator', () => {
  it('scans 2,600 rows with one page call and chained batches of 50 pages', async () => {
    for (let i = 0; i < 2600; i++) sim.control.personCreate({ entity: 'contact', fields: { NAME: `N${i}` } });
    const client = simClient(sim, SCALE);
    sim.control.resetCalls();
    const rows = await scanAll(client, { method: 'crm.contact.list', params: { select: ['ID'] } });
    expect(rows).toHaveLength(2600);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(2600);
    expect(sim.control.calls().httpRequests).toBe(3);
  });

  it('creates 1,500 records in batches without a single limit refusal', async () => {
    const client = simClient(sim, SCALE);
    const out = await runJobs(client, Array.from({ length: 1500 }, (_, i) => createJob(`b${i}`)));
    expect(out.every((o) => o.ok)).toBe(true);
    expect(sim.control.counts().contact).toBe(1500);
    expect(client.stats()).toMatchObject({ bucketRejections: 0, operatingRejections: 0 });
    expect(client.stats().requests).toBe(30);
  });

  for (const billing of ['submethods', 'batch'] as const) {
    it(`waits for the operating budget instead of failing (billing: ${billing}), creating each record exactly once`, async () => {
      sim.control.setBatchBilling(billing);
      sim.control.setOperatingLimit(2);
      sim.control.setCosts({ 'crm.contact.add': 0.05, '*': 0.001 });
      const client = simClient(sim, SCALE, { operating: { limitSec: 2, windowMs: 600_000 * SCALE, resetMarginMs: 1000 } });
      const t0 = Date.now();
      const out = await runJobs(client, Array.from({ length: 100 }, (_, i) => createJob(`o${i}`)));
      const elapsed = Date.now() - t0;
      expect(out.every((o) => o.ok)).toBe(true);
      expect(sim.control.counts().contact).toBe(100);
      expect(sim.control.calls().executed['crm.contact.add']).toBe(100);
      // 5 s of server time under a 2 s budget: the client had to wait for old minutes to leave the window
      // (9–10 of the 10 one-minute buckets, depending on where the run started inside the first minute)
      expect(elapsed).toBeGreaterThanOrEqual(0.9 * 600_000 * SCALE);
      expect(client.stats().operatingRejections).toBeLessThanOrEqual(3);
      expect(client.operating.isBilled(billing === 'batch' ? 'batch' : 'crm.contact.add')).toBe(true);
    });
  }

  it('re-sends only what the operating limit refused in the middle of a batch', async () => {
    sim.control.setOperatingLimit(1);
    sim.control.setCosts({ 'crm.contact.add': 0.05, '*': 0.001 });
    // a client that believes in a bigger budget and cheap calls: the portal cuts its batches mid-way
    const client = simClient(sim, SCALE, { operating: { windowMs: 600_000 * SCALE, resetMarginMs: 1000, defaultCostSec: 0.0001, limitSec: 100 } });
    const out = await runJobs(client, Array.from({ length: 50 }, (_, i) => createJob(`m${i}`)));
    expect(out.every((o) => o.ok)).toBe(true);
    expect(client.stats().operatingRejections).toBeGreaterThan(0);
    expect(client.operating.learnedLimit).toBeCloseTo(1, 5);
    expect(sim.control.counts().contact).toBe(50);
    expect(sim.control.calls().executed['crm.contact.add']).toBe(50);
  });

  it('a lost response to a batch of creates is resolved by lookups: exactly one record each', async () => {
    const client = simClient(sim, SCALE);
    sim.control.injectFault({ kind: 'lostResponse', method: 'batch', times: 1 });
    const out = await runJobs(client, Array.from({ length: 40 }, (_, i) => createJob(`l${i}`)));
    expect(out.every((o) => o.ok)).toBe(true);
    expect(sim.control.counts().contact).toBe(40);
    expect(sim.control.calls().executed['crm.contact.add']).toBe(40);
    expect(new Set(out.map((o) => (o.ok ? o.result : null))).size).toBe(40);
  });

  it('waits out 503 QUERY_LIMIT_EXCEEDED, retries HTML pages and resets, and stops on OVERLOAD_LIMIT', async () => {
    const client = simClient(sim, SCALE);
    sim.control.injectFault({ kind: 'http503', method: 'crm.contact.list', times: 3 });
    sim.control.injectFault({ kind: 'html', method: 'crm.contact.list', times: 1 });
    await expect(client.call('crm.contact.list', { select: ['ID'] })).resolves.toMatchObject({ result: [] });
    expect(client.stats()).toMatchObject({ bucketRejections: 3, retries: 1 });
    sim.control.injectFault({ kind: 'reset', method: 'crm.contact.list', times: 1 });
    await expect(client.call('crm.contact.list')).resolves.toMatchObject({ result: [] });
    sim.control.injectFault({ kind: 'error', status: 503, code: 'OVERLOAD_LIMIT', description: 'blocked', method: '*' });
    await expect(client.call('crm.contact.list')).rejects.toMatchObject({ code: 'OVERLOAD', userMessage: expect.stringMatching(/техподдержку/) });
  });

  it('follows a renamed portal and reports the new address', async () => {
    const moved = vi.fn();
    const client = simClient(sim, SCALE, { onPortalMoved: moved });
    await client.call('profile');
    const { url } = await sim.control.renamePortal();
    await client.call('crm.contact.add', { fields: { NAME: 'after rename' } });
    await client.call('profile');
    expect(moved).toHaveBeenCalledOnce();
    expect(moved).toHaveBeenCalledWith(url);
    expect(sim.control.counts().contact).toBe(1);
  });

  it('OAuth: many calls with an expired token → one refresh, the new refresh token handed over', async () => {
    const t = sim.control.issueOAuthTokens();
    const onTokens = vi.fn();
    const client = createBitrix24Client(
      { authMode: 'oauth', portalUrl: sim.url, clientId: sim.oauth.clientId, clientSecret: sim.oauth.clientSecret, refreshToken: t.refresh_token, accessToken: t.access_token, oauthServerUrl: sim.url },
      { onTokens, retry: { baseDelayMs: 2, maxDelayMs: 10 }, limits: { burst: 50, drainPerSec: 1000 } },
    );
    await client.call('profile');
    sim.control.expireAccessTokens();
    const res = await Promise.all(Array.from({ length: 8 }, () => client.call('crm.contact.list')));
    expect(res).toHaveLength(8);
    expect(onTokens).toHaveBeenCalledOnce();
    expect(client.stats().tokenRefreshes).toBeGreaterThanOrEqual(1);
  });
});
