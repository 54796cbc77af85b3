import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBitrix24Simulator, type Bitrix24Sim } from '../../../e2e/simulators/bitrix24';
import { checkBitrix24 } from '../../connectors/bitrix24/check';
import { LogSink } from '../logger';
import { Redactor } from '../redact';
import { MemorySecretStore } from '../secret-store';
import { MemorySettingsStore } from '../settings-store';
import { openDatabase } from '../../store/db';
import { createConnectionsService } from './connections';

let sim: Bitrix24Sim;
beforeAll(async () => {
  sim = await startBitrix24Simulator({ seed: 'none' });
});
afterAll(async () => {
  await sim.close();
});

function service() {
  const secrets = new MemorySecretStore();
  const db = openDatabase(':memory:');
  const redactor = new Redactor();
  const log = new LogSink({ db, redactor, onEntry: () => undefined }).logger('test');
  const svc = createConnectionsService({
    settings: new MemorySettingsStore(),
    secrets,
    env: {},
    redactor,
    log,
    // The simulator plays the OAuth server too.
    checkBitrix24: (config, deps) => checkBitrix24({ ...config, oauthServerUrl: sim.url }, deps),
  });
  return { svc, secrets };
}

const oauthForm = (refreshToken?: string) => ({
  onec: { url: '', user: '' },
  bitrix24: { authMode: 'oauth' as const, portalUrl: sim.url, clientId: sim.oauth.clientId, clientSecret: sim.oauth.clientSecret, ...(refreshToken ? { refreshToken } : {}) },
});

describe('connections service with OAuth (refresh tokens are single-use)', () => {
  it('keeps the rotated refresh token after a check of the saved settings, so the next check still works', async () => {
    const { svc, secrets } = service();
    const t = sim.control.issueOAuthTokens();
    await svc.save(oauthForm(t.refresh_token));
    const first = await svc.check({ target: 'bitrix24' });
    expect(first.bitrix24?.status).not.toBe('error');
    expect(secrets.get('bitrix24.refreshToken')).not.toBe(t.refresh_token);
    const second = await svc.check({ target: 'bitrix24' });
    expect(second.bitrix24?.status).not.toBe('error');
  });

  it('saving a form that still holds the token the check consumed stores the live one', async () => {
    const { svc, secrets } = service();
    const t = sim.control.issueOAuthTokens();
    const draft = oauthForm(t.refresh_token);
    const checked = await svc.check({ target: 'bitrix24', draft });
    expect(checked.bitrix24?.status).not.toBe('error');
    await svc.save(draft);
    expect(secrets.get('bitrix24.refreshToken')).not.toBe(t.refresh_token);
    const after = await svc.check({ target: 'bitrix24' });
    expect(after.bitrix24?.status).not.toBe('error');
  });
});
