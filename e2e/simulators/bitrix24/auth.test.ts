// Webhook and OAuth auth, scopes, plan access, renamed portal, system methods (ref §1, §3.3).
import { describe, expect, it } from 'vitest';
import { call, ok, sleep, useSim, type Json } from './test/harness';

describe('incoming webhook', () => {
  const { sim, api } = useSim();

  it('wrong secret, revoked and regenerated webhooks → 401 NO_AUTH_FOUND', async () => {
    const wrong = sim().webhookUrl.replace(/\/rest\/1\/[^/]+\//, '/rest/1/wrongKey0000/');
    const r = await call(wrong, 'profile');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' });
    expect((await call(sim().webhookUrl.replace('/rest/1/', '/rest/2/'), 'profile')).status).toBe(401);
    const old = sim().webhookUrl;
    const { webhookUrl } = sim().control.regenerateWebhook();
    expect(webhookUrl).not.toBe(old);
    expect((await call(old, 'profile')).status).toBe(401);
    expect((await call(webhookUrl, 'profile')).status).toBe(200);
    sim().control.revokeWebhook();
    expect((await call(webhookUrl, 'profile')).body.error).toBe('NO_AUTH_FOUND');
    sim().control.regenerateWebhook();
  });

  it('basic methods: profile (admin user 1), scope, server.time, app.info, methods, user.current', async () => {
    expect(ok<Json>(await api('profile'))).toMatchObject({ ID: '1', ADMIN: true });
    expect(ok(await api('scope'))).toEqual(['crm', 'catalog', 'user_brief', 'sale', 'pay_system']);
    expect(ok<string>(await api('server.time'))).toMatch(/\+03:00$/);
    expect(ok<Json>(await api('app.info'))).toMatchObject({ LICENSE_FAMILY: 'pro', STATUS: 'L' });
    expect(ok<string[]>(await api('methods'))).toEqual(expect.arrayContaining(['batch', 'crm.item.list', 'catalog.priceType.list']));
    expect(ok<Json>(await api('user.current'))).toMatchObject({ ID: '1', NAME: 'Интеграция' });
  });

  it('a method outside the webhook scopes → 403 insufficient_scope; batch sub-calls too', async () => {
    sim().control.setScopes(['crm']);
    const r = await api('user.current');
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('insufficient_scope');
    expect((await api('catalog.product.get', { id: 1 })).body.error).toBe('insufficient_scope');
    const b = ok<{ result_error: Record<string, Json> }>(await api('batch', { cmd: { a: 'catalog.vat.list', b: 'crm.status.list' } }));
    expect(b.result_error.a.error).toBe('insufficient_scope');
    expect(ok(await api('scope'))).toEqual(['crm']);
    sim().control.setScopes(['crm', 'catalog', 'user_brief', 'sale', 'pay_system']);
  });

  it('REST off for the plan → 403 ACCESS_DENIED (ref §1.3)', async () => {
    sim().control.setRestAvailable(false);
    const r = await api('crm.contact.list');
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: 'ACCESS_DENIED', error_description: 'REST API is available only on commercial plans.' });
    sim().control.setRestAvailable(true);
  });

  it('renamed portal → 302 with Location on the old address; re-POSTing there works', async () => {
    const oldHook = sim().webhookUrl;
    const { webhookUrl, url } = await sim().control.renamePortal();
    expect(webhookUrl).not.toBe(oldHook);
    expect(sim().url).toBe(url);
    const r = await call(oldHook, 'crm.contact.add', { fields: { NAME: 'moved' } });
    expect(r.status).toBe(302);
    const location = r.headers.get('location')!;
    expect(location).toBe(`${webhookUrl}crm.contact.add`);
    expect(sim().control.counts().contact).toBe(0);
    const again = await call(location.replace(/crm\.contact\.add$/, ''), 'crm.contact.add', { fields: { NAME: 'moved' } });
    expect(typeof ok(again)).toBe('number');
  });
});

describe('OAuth local application (ref §1.2)', () => {
  const { sim } = useSim({ accessTokenTtlSec: 3600, timeScale: 1 });

  async function token(grant: Record<string, string>): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${sim().oauth.tokenUrl}?${new URLSearchParams(grant)}`);
    return { status: res.status, body: (await res.json()) as Json };
  }

  it('calls with ?auth=, refresh gives a new pair and kills the old refresh token, expiry → 401 expired_token', async () => {
    const first = sim().control.issueOAuthTokens();
    const rest = `${sim().url}/rest/`;
    const viaQuery = await call(rest, `crm.contact.list.json`, {}, { get: `auth=${first.access_token}` });
    expect(viaQuery.status).toBe(200);
    const viaBody = await call(rest, 'profile', { auth: first.access_token });
    expect(ok<Json>(viaBody).ID).toBe('1');
    expect((await call(rest, 'profile', { auth: 'nonsense' })).body.error).toBe('invalid_token');
    expect((await call(rest, 'profile', {})).body.error).toBe('NO_AUTH_FOUND');

    const { clientId, clientSecret } = sim().oauth;
    const bad = await token({ grant_type: 'refresh_token', client_id: clientId, client_secret: 'wrong', refresh_token: first.refresh_token });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
    const refreshed = await token({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: first.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ expires_in: 3600, client_endpoint: rest, scope: 'crm,catalog,user_brief,sale,pay_system' });
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    const reuse = await token({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: first.refresh_token });
    expect(reuse.body.error).toBe('invalid_grant');

    // 3600 simulated seconds pass in 0.36 s at timeScale 0.0001
    sim().control.setTimeScale(0.0001);
    await sleep(450);
    const expired = await call(rest, 'profile', { auth: refreshed.body.access_token as string });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'expired_token', error_description: 'The access token provided has expired.' });
    sim().control.setTimeScale(1);
    const next = await token({ grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshed.body.refresh_token as string });
    expect((await call(rest, 'profile', { auth: next.body.access_token as string })).status).toBe(200);
    sim().control.expireAccessTokens();
    expect((await call(rest, 'profile', { auth: next.body.access_token as string })).body.error).toBe('expired_token');
  });
});
