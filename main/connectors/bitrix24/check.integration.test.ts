// "Проверить подключение" against the portal simulator (e2e/simulators/bitrix24).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBitrix24Simulator, type Bitrix24Sim } from '../../../e2e/simulators/bitrix24';
import { checkBitrix24 } from './check';

let sim: Bitrix24Sim;
beforeAll(async () => {
  sim = await startBitrix24Simulator({ timeScale: 0.01 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.control.reset();
  sim.control.setScopes(['crm', 'catalog', 'user_brief', 'sale', 'pay_system']);
  sim.control.setRestAvailable(true);
  sim.control.regenerateWebhook(); // undoes a revoke of the previous test
});

const secretOf = (url: string) => url.split('/').filter(Boolean).at(-1) ?? '';

async function check(webhookUrl = sim.webhookUrl) {
  const r = await checkBitrix24({ authMode: 'webhook', webhookUrl }, { timeoutMs: 3000 });
  expect(JSON.stringify(r)).not.toContain(secretOf(sim.webhookUrl));
  return r;
}

describe('checkBitrix24 against the simulator', () => {
  it('finds the portal, the admin integration user and all scopes', async () => {
    const r = await check();
    expect(r.status).toBe('ok');
    expect(r.found).toMatchObject({ portal: sim.url, user: { id: '1', name: 'Интеграция 1С', isAdmin: true }, missingScopes: [] });
    expect(r.items.every((i) => i.status === 'ok')).toBe(true);
  });

  it('says the webhook was deleted or regenerated (401 NO_AUTH_FOUND)', async () => {
    const old = sim.webhookUrl;
    sim.control.regenerateWebhook();
    const r = await check(old);
    expect(r.code).toBe('AUTH_FAILED');
    expect(r.hint).toMatch(/Создайте вебхук заново/);
    sim.control.revokeWebhook();
    expect((await check()).code).toBe('AUTH_FAILED');
  });

  it('lists the missing scopes: required → error, optional → warning', async () => {
    sim.control.setScopes(['crm', 'user_brief']);
    const r = await check();
    expect(r.code).toBe('SCOPE_MISSING');
    expect(r.status).toBe('error');
    expect(r.found?.missingScopes).toEqual(['catalog', 'pay_system', 'sale']);
    sim.control.setScopes(['crm', 'catalog']);
    const w = await check();
    expect(w.status).toBe('warning');
    expect(w.items.find((i) => i.id === 'scopes')?.status).toBe('warning');
  });

  it('recognises a plan without REST', async () => {
    sim.control.setRestAvailable(false);
    const r = await check();
    expect(r.code).toBe('REST_UNAVAILABLE');
  });

  it('reports a renamed portal with its new address', async () => {
    const oldHook = sim.webhookUrl;
    const { url } = await sim.control.renamePortal();
    const r = await check(oldHook);
    expect(r.code).toBe('PORTAL_MOVED');
    expect(r.status).toBe('warning');
    expect(r.found?.portal).toBe(url);
    expect(r.message).toContain(url);
  });

  it('tells an HTML gateway page and a 5xx apart', async () => {
    sim.control.injectFault({ kind: 'html', method: 'scope', times: 1 });
    expect((await check()).code).toBe('SERVER_ERROR');
    sim.control.injectFault({ kind: 'http500', method: 'scope', times: 1 });
    expect((await check()).code).toBe('SERVER_ERROR');
  });

  it('reports a timeout when the portal hangs', async () => {
    sim.control.injectFault({ kind: 'hang', method: 'scope', times: 1 });
    const r = await checkBitrix24({ authMode: 'webhook', webhookUrl: sim.webhookUrl }, { timeoutMs: 300 });
    expect(r.code).toBe('TIMEOUT');
  });

  it('reports a TLS error for an untrusted certificate', async () => {
    const tlsSim = await startBitrix24Simulator({ https: true });
    try {
      const r = await check(tlsSim.webhookUrl);
      expect(r.code).toBe('TLS_ERROR');
      expect(r.hint).toMatch(/дату и время/);
    } finally {
      await tlsSim.close();
    }
  });

  it('OAuth: refreshes through the token endpoint, hands over the new pair, then checks', async () => {
    const tokens = sim.control.issueOAuthTokens();
    const onTokens = vi.fn();
    const cfg = { authMode: 'oauth' as const, portalUrl: sim.url, clientId: sim.oauth.clientId, clientSecret: sim.oauth.clientSecret, refreshToken: tokens.refresh_token, oauthServerUrl: sim.url };
    const r = await checkBitrix24(cfg, { onTokens });
    expect(r.status).toBe('ok');
    expect(onTokens).toHaveBeenCalledOnce();
    expect(onTokens.mock.calls[0][0].refreshToken).not.toBe(tokens.refresh_token);
    // the old refresh token is single-use: checking with it again must say to re-authorise
    const again = await checkBitrix24(cfg);
    expect(again.code).toBe('AUTH_FAILED');
    expect(JSON.stringify(again)).not.toContain(sim.oauth.clientSecret);
  });
});
