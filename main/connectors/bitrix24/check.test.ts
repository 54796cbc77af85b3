import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { checkBitrix24 } from './check';
import { apiError, fakeHttp, ok, type FakeHandler, type FakeRequest } from './testing/fake-http';

const SECRET = 'k3yS3cr3tValue99';
const HOOK = `https://shop.bitrix24.ru/rest/7/${SECRET}/`;

const profile = (admin = true) => ok({ ID: '7', ADMIN: admin, NAME: 'Интеграция', LAST_NAME: '1С' });
const healthy: FakeHandler = (r) => {
  if (r.method === 'scope') return ok(['crm', 'catalog', 'user_brief', 'pay_system', 'sale', 'basic']);
  if (r.method === 'profile') return profile();
  return apiError(404, 'ERROR_METHOD_NOT_FOUND');
};

async function run(handler: FakeHandler, webhookUrl = HOOK, log?: FakeRequest[]) {
  const report = await checkBitrix24({ authMode: 'webhook', webhookUrl }, { http: fakeHttp(handler, log), timeoutMs: 2000 });
  expect(JSON.stringify(report)).not.toContain(SECRET);
  return report;
}

const item = (r: Awaited<ReturnType<typeof run>>, id: string) => r.items.find((i) => i.id === id)!;

describe('checkBitrix24 (webhook)', () => {
  it('probes each scope with a cheap read when the portal does not answer the `scope` method', async () => {
    const log: FakeRequest[] = [];
    const r = await run((q) => {
      if (q.method === 'scope') return apiError(404, 'ERROR_METHOD_NOT_FOUND');
      if (q.method === 'crm.contact.list') return ok([]);
      if (q.method === 'catalog.catalog.list') return apiError(403, 'insufficient_scope');
      if (q.method === 'user.current' || q.method === 'profile') return profile();
      return apiError(404, 'ERROR_METHOD_NOT_FOUND');
    }, HOOK, log);
    expect(r.status).toBe('error');
    expect(r.code).toBe('SCOPE_MISSING');
    expect(r.found?.scopes).toEqual(['crm', 'user_brief']);
    expect(r.found?.missingScopes).toEqual(expect.arrayContaining(['catalog', 'pay_system']));
    expect(item(r, 'scopes').message).toContain('catalog');
    expect(log.map((q) => q.method)).toEqual(expect.arrayContaining(['scope', 'crm.contact.list', 'catalog.catalog.list']));

    const good = await run((q) => {
      if (q.method === 'scope') return apiError(404, 'ERROR_METHOD_NOT_FOUND');
      if (q.method === 'profile') return profile();
      return ok(q.method === 'catalog.catalog.list' ? { catalogs: [] } : []);
    });
    expect(good.status).not.toBe('error');
    expect(good.found?.scopes).toEqual(expect.arrayContaining(['crm', 'catalog']));
  });

  it('reports a healthy portal with user, admin flag and scopes', async () => {
    const r = await run(healthy);
    expect(r.status).toBe('ok');
    expect(r.code).toBe('OK');
    expect(r.items.map((i) => [i.id, i.status])).toEqual([['address', 'ok'], ['connection', 'ok'], ['auth', 'ok'], ['scopes', 'ok'], ['user', 'ok']]);
    expect(r.found).toEqual({ portal: 'https://shop.bitrix24.ru', user: { id: '7', name: 'Интеграция 1С', isAdmin: true }, scopes: expect.arrayContaining(['crm', 'catalog']), missingScopes: [] });
    expect(r.message).toContain('shop.bitrix24.ru');
  });

  it.each([
    ['', 'NOT_CONFIGURED'],
    ['shop.bitrix24.ru', 'INVALID_URL'],
    ['https://shop.bitrix24.ru/crm/contact/', 'INVALID_URL'],
    ['https://shop.bitrix24.ru/rest/abc/def/', 'INVALID_URL'],
    ['https://shop.bitrix24.ru/rest/1/', 'INVALID_URL'],
    [`http://shop.bitrix24.ru/rest/1/${SECRET}/`, 'INVALID_URL'],
  ])('rejects a malformed webhook address %j without calling the portal', async (url, code) => {
    const log: FakeRequest[] = [];
    const r = await run(healthy, url, log);
    expect(r.code).toBe(code);
    expect(r.status).toBe('error');
    expect(log).toHaveLength(0);
    expect(r.hint).toContain('https://<портал>/rest/<id>/<ключ>/');
    expect(item(r, 'connection').message).toContain('Не проверялось');
  });

  it('accepts the address with a method name and without trailing slash', async () => {
    const log: FakeRequest[] = [];
    const r = await run(healthy, `https://shop.bitrix24.ru/rest/7/${SECRET}/profile.json`, log);
    expect(r.status).toBe('ok');
    expect(log[0].url).toBe(`https://shop.bitrix24.ru/rest/7/${SECRET}/scope`);
  });

  it('tells DNS failure from refusal, timeout and TLS errors', async () => {
    const codes: Record<string, string> = { ENOTFOUND: 'UNREACHABLE', ECONNREFUSED: 'UNREACHABLE', ECONNABORTED: 'TIMEOUT', DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS_ERROR', CERT_HAS_EXPIRED: 'TLS_ERROR' };
    for (const [networkError, code] of Object.entries(codes)) {
      const r = await run(() => ({ networkError, message: `connect ${networkError} ${HOOK}` }));
      expect(r.code, networkError).toBe(code);
      expect(item(r, 'connection').status).toBe('error');
      expect(item(r, 'auth').message).toContain('Не проверялось');
    }
    const dns = await run(() => ({ networkError: 'ENOTFOUND' }));
    expect(dns.message).toContain('DNS');
  });

  it('reports a closed port on this machine as unreachable (real socket)', async () => {
    const srv = net.createServer();
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => srv.close(() => resolve()));
    const r = await checkBitrix24({ authMode: 'webhook', webhookUrl: `http://127.0.0.1:${port}/rest/1/${SECRET}/` }, { timeoutMs: 2000 });
    expect(r.code).toBe('UNREACHABLE');
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('reports a silent server as a timeout (real socket)', async () => {
    const sockets: net.Socket[] = [];
    const srv = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const r = await checkBitrix24({ authMode: 'webhook', webhookUrl: `http://127.0.0.1:${port}/rest/1/${SECRET}/` }, { timeoutMs: 300 });
      expect(r.code).toBe('TIMEOUT');
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    }
  });

  it('says to recreate the webhook on 401 NO_AUTH_FOUND', async () => {
    const r = await run(() => apiError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'));
    expect(r.code).toBe('AUTH_FAILED');
    expect(item(r, 'connection').status).toBe('ok');
    expect(item(r, 'auth').status).toBe('error');
    expect(r.hint).toMatch(/Создайте вебхук заново/);
  });

  it('compares scopes with the required list', async () => {
    const r = await run((q) => (q.method === 'scope' ? ok(['crm', 'user_brief']) : profile()));
    expect(r.code).toBe('SCOPE_MISSING');
    expect(r.status).toBe('error');
    expect(r.found?.missingScopes).toEqual(['catalog', 'pay_system', 'sale']);
    expect(item(r, 'scopes').message).toContain('catalog');
    expect(r.hint).toContain('catalog');
  });

  it('warns (not fails) when only optional scopes are missing', async () => {
    const r = await run((q) => (q.method === 'scope' ? ok(['crm', 'catalog']) : profile()));
    expect(r.status).toBe('warning');
    expect(r.code).toBe('SCOPE_MISSING');
    expect(item(r, 'scopes').status).toBe('warning');
    expect(item(r, 'scopes').message).toMatch(/user_brief.*pay_system.*sale/);
  });

  it('handles 403 insufficient_scope on the first call', async () => {
    const r = await run(() => apiError(403, 'insufficient_scope', 'The request requires higher privileges'));
    expect(r.code).toBe('SCOPE_MISSING');
  });

  it('recognises a plan without REST', async () => {
    const r = await run(() => apiError(403, 'ACCESS_DENIED', 'REST API is available only on commercial plans.'));
    expect(r.code).toBe('REST_UNAVAILABLE');
    expect(r.hint).toMatch(/тариф/);
    const r2 = await run(() => apiError(402, 'PAYMENT_REQUIRED', 'Payment required'));
    expect(r2.code).toBe('REST_UNAVAILABLE');
  });

  it('follows a renamed portal (302) and reports the new address', async () => {
    const log: FakeRequest[] = [];
    const r = await run((q) => {
      if (q.url.startsWith('https://shop.bitrix24.ru/')) return { status: 302, headers: { location: q.url.replace('shop.bitrix24.ru', 'newshop.bitrix24.ru') } };
      return healthy(q);
    }, HOOK, log);
    expect(r.status).toBe('warning');
    expect(r.code).toBe('PORTAL_MOVED');
    expect(r.found?.portal).toBe('https://newshop.bitrix24.ru');
    expect(item(r, 'connection').message).toContain('https://newshop.bitrix24.ru');
    expect(log.filter((q) => q.verb === 'POST' && q.url.includes('newshop')).length).toBe(2);
    expect(log.every((q) => q.verb === 'POST')).toBe(true);
  });

  it('tells an HTML page from a server error', async () => {
    const page = await run(() => ({ status: 200, text: '<!DOCTYPE html><html><body>Welcome</body></html>' }));
    expect(page.code).toBe('WRONG_URL');
    const gateway = await run(() => ({ status: 502, text: '<html><body>502 Bad Gateway</body></html>' }));
    expect(gateway.code).toBe('SERVER_ERROR');
    const internal = await run(() => apiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
    expect(internal.code).toBe('SERVER_ERROR');
    expect(internal.hint).toMatch(/повторите/i);
  });

  it('warns when the webhook user is not an administrator', async () => {
    const r = await run((q) => (q.method === 'profile' ? profile(false) : healthy(q)));
    expect(r.status).toBe('warning');
    expect(r.found?.user?.isAdmin).toBe(false);
    expect(item(r, 'user').message).toMatch(/не администратор/);
  });
});

describe('checkBitrix24 (OAuth)', () => {
  const cfg = { authMode: 'oauth' as const, portalUrl: 'https://shop.bitrix24.ru', clientId: 'local.abc', clientSecret: 'clientS3cret', refreshToken: 'refr3sh-old', oauthServerUrl: 'https://oauth.example' };

  it('refreshes the token, hands the new pair over, then checks with it', async () => {
    const onTokens = vi.fn();
    const log: FakeRequest[] = [];
    const http = fakeHttp((q) => {
      if (q.url.startsWith('https://oauth.example/oauth/token/')) {
        expect(q.query.get('grant_type')).toBe('refresh_token');
        expect(q.query.get('refresh_token')).toBe('refr3sh-old');
        return { json: { access_token: 'acc-new', refresh_token: 'refr3sh-new', expires_in: 3600, client_endpoint: 'https://shop.bitrix24.ru/rest/' } };
      }
      expect(q.body.auth).toBe('acc-new');
      return healthy(q);
    }, log);
    const r = await checkBitrix24(cfg, { http, onTokens });
    expect(r.status).toBe('ok');
    expect(onTokens).toHaveBeenCalledOnce();
    expect(onTokens.mock.calls[0][0]).toMatchObject({ accessToken: 'acc-new', refreshToken: 'refr3sh-new' });
    expect(JSON.stringify(r)).not.toMatch(/clientS3cret|refr3sh|acc-new/);
  });

  it('says to re-authorise when the refresh token is refused', async () => {
    const http = fakeHttp(() => ({ status: 400, json: { error: 'invalid_grant', error_description: 'Invalid grant' } }));
    const r = await checkBitrix24(cfg, { http });
    expect(r.code).toBe('AUTH_FAILED');
    expect(r.message).toMatch(/refresh token|разрешите доступ/i);
  });

  it('lists what is missing in the OAuth settings', async () => {
    const r = await checkBitrix24({ authMode: 'oauth', portalUrl: 'shop.bitrix24.ru' });
    expect(r.code).toBe('NOT_CONFIGURED');
    expect(r.message).toMatch(/client_id.*client_secret/);
  });
});
