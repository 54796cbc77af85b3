import { describe, expect, it, vi } from 'vitest';
import { OAuthAuth, WebhookAuth } from './auth';
import { runJobs, runOne } from './batch';
import { Bitrix24Client, type Bitrix24ClientOptions } from './client';
import { encodeCommand, resultRef } from './encode';
import { Bitrix24Error } from './errors';
import { createTransport } from './factory';
import { scanAll } from './scan';
import { FakePortal, PortalFault } from './testing/fake-portal';
import { parseWebhookUrl } from './webhook-url';

const HOOK = 'https://shop.bitrix24.ru/rest/1/s3cr3tk3y/';
const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

function makeClient(portal: FakePortal, extra: Partial<Bitrix24ClientOptions> = {}): Bitrix24Client {
  const parsed = parseWebhookUrl(HOOK);
  if (!parsed.ok) throw new Error('bad hook');
  return new Bitrix24Client({
    auth: new WebhookAuth(parsed.value),
    transport: createTransport({ http: portal.http(), timeoutMs: 1000 }),
    retry: fastRetry,
    ...extra,
  });
}

describe('encodeCommand', () => {
  it('writes PHP-style nested params and leaves $result references unencoded', () => {
    expect(encodeCommand('crm.contact.add', { fields: { NAME: 'Иван & Co', PHONE: [{ VALUE: '+7 916', VALUE_TYPE: 'WORK' }], X: null } }))
      .toBe('crm.contact.add?fields[NAME]=%D0%98%D0%B2%D0%B0%D0%BD%20%26%20Co&fields[PHONE][0][VALUE]=%2B7%20916&fields[PHONE][0][VALUE_TYPE]=WORK');
    expect(encodeCommand('crm.contact.list', { filter: { '>ID': resultRef('p0', 49, 'ID') }, start: -1 }))
      .toBe('crm.contact.list?filter[%3EID]=$result[p0][49][ID]&start=-1');
  });
});

describe('request bucket', () => {
  it('never makes the portal refuse: paces requests at the drain rate after the burst', async () => {
    const portal = new FakePortal({ bucket: { burst: 5, drainPerSec: 100 } }).on('server.time', () => 'now');
    const client = makeClient(portal, { limits: { burst: 5, drainPerSec: 100 } });
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 30 }, () => client.call('server.time')));
    expect(portal.rejected).toBe(0);
    expect(client.stats().bucketRejections).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(230); // (30 − 5) / 100 s
  });

  it('waits out 503 QUERY_LIMIT_EXCEEDED when someone else shares the bucket', async () => {
    const portal = new FakePortal({ bucket: { burst: 3, drainPerSec: 50 } }).on('server.time', () => 'now');
    const client = makeClient(portal, { limits: { burst: 10, drainPerSec: 50 } });
    const res = await Promise.all(Array.from({ length: 20 }, () => client.call('server.time')));
    expect(res.every((r) => r.result === 'now')).toBe(true);
    expect(client.stats().bucketRejections).toBeGreaterThan(0);
    expect(client.stats().retries).toBe(0);
  });
});

describe('operating budget', () => {
  it('holds calls of a method once the reported budget is spent, until operating_reset_at', async () => {
    let operating = 0;
    let resetAt = 0;
    const calls: number[] = [];
    const portal = new FakePortal().on('crm.deal.update', () => {
      calls.push(Date.now());
      operating += 0.4;
      return true;
    }).on('crm.deal.list', () => []);
    portal.time = (m) => (m === 'crm.deal.update' ? { processing: 0.4, operating, operating_reset_at: resetAt / 1000 } : { processing: 0.01, operating: 0.01, operating_reset_at: 0 });
    const client = makeClient(portal, { operating: { limitSec: 1, windowMs: 2000, resetMarginMs: 20 } });
    resetAt = Date.now() + 400;
    setTimeout(() => { operating = 0; }, 400);
    for (let i = 0; i < 4; i++) await client.call('crm.deal.update', { id: 1, fields: {} });
    // 0.4 + 0.4 = 0.8; a third 0.4 would pass 1.0 → waits for the reset (other methods are not held)
    expect(calls[2] - calls[0]).toBeGreaterThanOrEqual(380);
    await client.call('crm.deal.list');
    expect(client.stats().operatingRejections).toBe(0);
  });

  it('re-sends only the sub-calls refused by OPERATION_TIME_LIMIT in the middle of a batch', async () => {
    let blockedUntil = 0;
    let n = 0;
    const made = new Map<string, number>();
    const portal = new FakePortal().on('crm.contact.update', (p) => {
      if (Date.now() < blockedUntil) throw new PortalFault({ status: 429, json: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' } });
      if (++n === 20) blockedUntil = Date.now() + 150;
      const id = String(p.id);
      made.set(id, (made.get(id) ?? 0) + 1);
      return true;
    });
    portal.time = () => ({ processing: 0.001, operating: 0, operating_reset_at: 0 });
    const client = makeClient(portal, { operating: { windowMs: 1000, resetMarginMs: 10 } });
    const jobs = Array.from({ length: 40 }, (_, i) => ({ method: 'crm.contact.update', params: { id: i + 1, fields: { NAME: 'x' } } }));
    const out = await runJobs(client, jobs);
    expect(out.every((o) => o.ok)).toBe(true);
    expect([...made.values()].every((c) => c === 1)).toBe(true);
    expect(made.size).toBe(40);
    expect(client.stats().operatingRejections).toBeGreaterThan(0);
  });

  it('learns which key the portal bills for a batch', async () => {
    const portal = new FakePortal().on('crm.contact.list', () => []);
    let batchOperating = 0;
    portal.time = (m) => (m === 'batch' ? { processing: 0.2, operating: (batchOperating += 0.2), operating_reset_at: 0 } : { processing: 0.1, operating: 0, operating_reset_at: 0 });
    const client = makeClient(portal);
    await client.batch({ a: { method: 'crm.contact.list' }, b: { method: 'crm.contact.list' } });
    expect(client.operating.isBilled('batch')).toBe(true);
    expect(client.operating.isBilled('crm.contact.list')).toBe(false);
    expect(client.estimateCost('crm.contact.list')).toBeCloseTo(0.1);
  });
});

describe('retries', () => {
  it('retries 5xx, HTML pages and resets for reads, with backoff', async () => {
    const faults = [{ status: 500, json: { error: 'INTERNAL_SERVER_ERROR', error_description: '' } }, { status: 502, text: '<html>Bad gateway</html>' }, { networkError: 'ECONNRESET' }];
    const portal = new FakePortal().on('crm.contact.get', () => ({ ID: '5' }));
    portal.intercept = () => faults.shift();
    const client = makeClient(portal);
    const res = await client.call('crm.contact.get', { id: 5 });
    expect(res.result).toEqual({ ID: '5' });
    expect(client.stats().retries).toBe(3);
  });

  it('gives up after maxRetries with the last error', async () => {
    const portal = new FakePortal();
    portal.intercept = () => ({ status: 500, json: { error: 'INTERNAL_SERVER_ERROR', error_description: '' } });
    const client = makeClient(portal, { retry: { ...fastRetry, maxRetries: 2 } });
    await expect(client.call('crm.contact.get', { id: 5 })).rejects.toMatchObject({ code: 'SERVER_ERROR', retryable: true });
    expect(portal.log).toHaveLength(3);
  });

  it('never re-sends a create blindly: an unanswered add is thrown as outcome-unknown', async () => {
    const portal = new FakePortal().on('crm.contact.add', () => 1);
    portal.after = () => ({ networkError: 'ECONNRESET' });
    const client = makeClient(portal);
    await expect(client.call('crm.contact.add', { fields: {} })).rejects.toMatchObject({ outcomeUnknown: true });
    expect(portal.executed).toEqual(['crm.contact.add']);
  });

  it.each(['OVERLOAD_LIMIT', 'PORTAL_DELETED'])('stops at once on %s', async (code) => {
    const portal = new FakePortal();
    portal.intercept = () => ({ status: 503, json: { error: code, error_description: '' } });
    const client = makeClient(portal);
    const err = await client.call('crm.contact.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Bitrix24Error);
    expect((err as Bitrix24Error).userMessage).toMatch(/Битрикс24/);
    expect(portal.log).toHaveLength(1);
    await expect(runJobs(client, [{ method: 'crm.contact.list' }, { method: 'crm.contact.list' }])).rejects.toBeInstanceOf(Bitrix24Error);
  });
});

describe('lost response to a create', () => {
  function crm() {
    const rows: { ID: string; ORIGIN_ID: string }[] = [];
    const portal = new FakePortal()
      .on('crm.contact.add', (p) => {
        const f = p.fields as Record<string, string>;
        rows.push({ ID: String(rows.length + 1), ORIGIN_ID: f.ORIGIN_ID });
        return rows.length;
      })
      .on('crm.contact.list', (p) => {
        const origin = (p.filter as Record<string, string>)['=ORIGIN_ID'];
        return rows.filter((r) => r.ORIGIN_ID === origin);
      });
    const job = (ref: string) => ({
      method: 'crm.contact.add',
      params: { fields: { NAME: 'A', ORIGIN_ID: ref } },
      lookup: { command: { method: 'crm.contact.list', params: { filter: { '=ORIGIN_ID': ref }, select: ['ID'] } }, pick: (r: unknown) => (Array.isArray(r) && r[0] ? Number((r[0] as { ID: string }).ID) : null) },
    });
    return { rows, portal, job };
  }

  it('looks the record up instead of creating it twice (response lost after the write)', async () => {
    const { rows, portal, job } = crm();
    let lost = 1;
    portal.after = (req) => (req.method === 'crm.contact.add' && lost-- > 0 ? { networkError: 'ECONNRESET' } : undefined);
    const id = await runOne<number>(makeClient(portal), job('guid-1'));
    expect(id).toBe(1);
    expect(rows).toHaveLength(1);
  });

  it('sends the create again when the lookup shows it did not happen', async () => {
    const { rows, portal, job } = crm();
    let lost = 1;
    portal.intercept = (req) => (req.method === 'crm.contact.add' && lost-- > 0 ? { networkError: 'ETIMEDOUT' } : undefined);
    const id = await runOne<number>(makeClient(portal), job('guid-2'));
    expect(id).toBe(1);
    expect(rows).toHaveLength(1);
  });

  it('resolves a whole lost batch of creates one by one', async () => {
    const { rows, portal, job } = crm();
    let lost = 1;
    portal.after = (req) => (req.method === 'batch' && lost-- > 0 ? { status: 504, text: '<html>Gateway Timeout</html>' } : undefined);
    const out = await runJobs(makeClient(portal), Array.from({ length: 10 }, (_, i) => job(`g${i}`)));
    expect(out.map((o) => o.ok && o.result)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows).toHaveLength(10);
  });
});

describe('portal moved (302)', () => {
  it('re-POSTs to Location, adopts the new domain and reports it once', async () => {
    const portal = new FakePortal().on('crm.contact.list', () => []);
    portal.intercept = (req) => (req.url.includes('//shop.bitrix24.ru/') ? { status: 302, headers: { location: req.url.replace('shop.bitrix24.ru', 'new.bitrix24.ru') } } : undefined);
    const moved = vi.fn();
    const client = makeClient(portal, { onPortalMoved: moved });
    await client.call('crm.contact.list', { filter: { ID: 1 } });
    await client.call('crm.contact.list');
    expect(moved).toHaveBeenCalledTimes(1);
    expect(moved).toHaveBeenCalledWith('https://new.bitrix24.ru');
    expect(portal.log.map((r) => `${r.verb} ${new URL(r.url).host}`)).toEqual(['POST shop.bitrix24.ru', 'POST new.bitrix24.ru', 'POST new.bitrix24.ru']);
    expect(portal.log[1].body).toEqual({ filter: { ID: 1 } });
    expect(client.portalUrl()).toBe('https://new.bitrix24.ru');
  });
});

describe('OAuth', () => {
  it('refreshes once for many concurrent 401 expired_token and persists the new refresh token', async () => {
    let valid = 'tok-1';
    let refreshes = 0;
    const portal = new FakePortal().on('crm.contact.list', () => []);
    portal.intercept = (req) => {
      if (req.url.startsWith('https://oauth.test/')) {
        refreshes++;
        expect(req.query.get('refresh_token')).toBe(`ref-${refreshes}`);
        valid = `tok-${refreshes + 1}`;
        return { json: { access_token: valid, refresh_token: `ref-${refreshes + 1}`, expires_in: 3600 } };
      }
      return req.body.auth === valid ? undefined : { status: 401, json: { error: 'expired_token', error_description: 'The access token provided has expired.' } };
    };
    const onTokens = vi.fn();
    const transport = createTransport({ http: portal.http(), timeoutMs: 1000 });
    const auth = new OAuthAuth({ portalUrl: 'https://shop.bitrix24.ru', clientId: 'local.1', clientSecret: 'cs', refreshToken: 'ref-1', accessToken: 'tok-0', oauthServerUrl: 'https://oauth.test', onTokens }, transport);
    const client = new Bitrix24Client({ auth, transport, retry: fastRetry });
    await Promise.all(Array.from({ length: 6 }, () => client.call('crm.contact.list')));
    expect(refreshes).toBe(1);
    expect(onTokens).toHaveBeenCalledTimes(1);
    expect(onTokens.mock.calls[0][0]).toMatchObject({ accessToken: 'tok-2', refreshToken: 'ref-2' });
    valid = 'other';
    await client.call('crm.contact.list').catch(() => undefined);
    expect(refreshes).toBe(2);
    // several calls really did fail concurrently with the stale token, yet only one refresh happened
    expect(portal.log.filter((r) => r.method === 'crm.contact.list' && r.body.auth === 'tok-0').length).toBeGreaterThanOrEqual(2);
  });

  it('stops with a clear message when the refresh token is refused', async () => {
    const portal = new FakePortal();
    portal.intercept = (req) => (req.url.startsWith('https://oauth.test/') ? { status: 400, json: { error: 'invalid_grant' } } : { status: 401, json: { error: 'expired_token' } });
    const transport = createTransport({ http: portal.http(), timeoutMs: 1000 });
    const auth = new OAuthAuth({ portalUrl: 'https://shop.bitrix24.ru', clientId: 'local.1', clientSecret: 'cs', refreshToken: 'r', accessToken: 'a', oauthServerUrl: 'https://oauth.test' }, transport);
    const client = new Bitrix24Client({ auth, transport, retry: fastRetry });
    await expect(client.call('crm.contact.list')).rejects.toMatchObject({ code: 'OAUTH_REFRESH_FAILED', userMessage: expect.stringMatching(/разрешите доступ/) });
  });
});

describe('fast scan', () => {
  it('reads every row once with one page call and chained pages inside a batch', async () => {
    const ids = Array.from({ length: 237 }, (_, i) => i * 3 + 1);
    const portal = new FakePortal().on('crm.contact.list', (p) => {
      const after = Number((p.filter as Record<string, unknown>)['>ID'] || 0);
      return ids.filter((id) => id > after).slice(0, 50).map((id) => ({ ID: String(id) }));
    });
    const client = makeClient(portal);
    const rows = await scanAll(client, { method: 'crm.contact.list', params: { select: ['ID'] } });
    expect(rows.map((r) => Number(r.ID))).toEqual(ids);
    expect(portal.log.map((r) => r.method)).toEqual(['crm.contact.list', 'batch']);
    const cmd = portal.log[1].body.cmd as Record<string, string>;
    expect(cmd.p1).toContain('$result[p0][49][ID]');
    expect(cmd.p0).toContain('start=-1');
  });
});

describe('numeric error codes (D crm-item-payment-get.md, catalog-price-add.md: `"error": 0`, `"error": 200040300010`)', () => {
  it('reads `{error: 0}` as the method error it is: no retry, typed code, no "bad response"', async () => {
    const portal = new FakePortal()
      .on('crm.item.payment.get', () => { throw new PortalFault({ status: 400, json: { error: 0, error_description: 'Payment has not been found' } }); })
      .on('catalog.price.add', () => { throw new PortalFault({ status: 400, json: { error: 0, error_description: 'Required fields: price, currency' } }); })
      .on('catalog.product.add', () => { throw new PortalFault({ status: 400, json: { error: 200040300040, error_description: 'Access Denied' } }); });
    const client = makeClient(portal);
    await expect(client.call('crm.item.payment.get', { id: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND', apiError: '0', retryable: false });
    await expect(client.call('catalog.price.add', { fields: {} })).rejects.toMatchObject({ code: 'VALIDATION', outcomeUnknown: false });
    await expect(client.call('catalog.product.add', { fields: {} })).rejects.toMatchObject({ code: 'ACCESS_DENIED', apiError: '200040300040' });
    expect(portal.log).toHaveLength(3);
    expect(client.stats().retries).toBe(0);
  });
});
