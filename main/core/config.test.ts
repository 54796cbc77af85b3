import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import { resolveConnections, portalFromWebhook } from './connection-config';
import { defaultDataDir } from './paths';
import { FileSecretStore, MemorySecretStore } from './secret-store';
import { JsonFileSettingsStore } from './settings-store';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));

describe('settings and secrets files', () => {
  it('round-trips settings and refuses an invalid file with a Russian message', () => {
    const dir = tmp();
    const store = new JsonFileSettingsStore(dir);
    expect(store.read()).toEqual(defaultSettings());
    const s = defaultSettings();
    s.onec.url = 'http://srv/retail/odata/standard.odata';
    s.exchange.intervalMinutes = 30;
    store.write(s);
    expect(new JsonFileSettingsStore(dir).read()).toEqual(s);
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"exchange":{"intervalMinutes":0}}');
    expect(() => store.read()).toThrow(/недопустимые значения: exchange.intervalMinutes/);
    fs.writeFileSync(path.join(dir, 'settings.json'), 'not json');
    expect(() => store.read()).toThrow(/повреждён/);
  });

  it('keeps secrets in a 0600 file, clears them with null, and can encode values', () => {
    const dir = tmp();
    const enc = new FileSecretStore(dir, { encode: (p) => Buffer.from(p).toString('base64'), decode: (s) => Buffer.from(s, 'base64').toString() });
    enc.set('onec.password', 'пароль');
    expect(enc.get('onec.password')).toBe('пароль');
    expect(fs.readFileSync(enc.file, 'utf8')).not.toContain('пароль');
    expect(fs.statSync(enc.file).mode & 0o777).toBe(0o600);
    enc.set('onec.password', null);
    expect(enc.get('onec.password')).toBeNull();
  });
});

describe('effective connections', () => {
  it('environment overrides saved settings and the form draft; webhook forces webhook mode', () => {
    const settings = defaultSettings();
    settings.onec.url = 'http://saved/odata/standard.odata';
    settings.bitrix24.authMode = 'oauth';
    const secrets = new MemorySecretStore();
    secrets.set('onec.password', 'saved-pass');
    const eff = resolveConnections(settings, secrets, {
      ONEC_ODATA_URL: 'http://env/odata/standard.odata',
      B24_WEBHOOK_URL: 'https://env.bitrix24.ru/rest/1/key/',
    }, {
      onec: { url: 'http://draft/odata/standard.odata', user: 'draft-user', password: 'draft-pass' },
      bitrix24: { authMode: 'oauth' },
    });
    expect(eff.onec).toMatchObject({ url: 'http://env/odata/standard.odata', user: 'draft-user', password: 'draft-pass' });
    expect(eff.bitrix24).toMatchObject({ authMode: 'webhook', webhookUrl: 'https://env.bitrix24.ru/rest/1/key/', portalUrl: 'https://env.bitrix24.ru' });
    expect(eff.overriddenByEnv).toEqual(['onec.url', 'bitrix24.webhookUrl']);
  });

  it('a draft without a password keeps the saved one; null clears it', () => {
    const secrets = new MemorySecretStore();
    secrets.set('onec.password', 'saved-pass');
    const keep = resolveConnections(defaultSettings(), secrets, {}, { onec: { url: 'u', user: 'x' }, bitrix24: { authMode: 'webhook' } });
    expect(keep.onec.password).toBe('saved-pass');
    const cleared = resolveConnections(defaultSettings(), secrets, {}, { onec: { url: 'u', user: 'x', password: null }, bitrix24: { authMode: 'webhook' } });
    expect(cleared.onec.password).toBe('');
  });

  it('derives the portal and the data folder', () => {
    expect(portalFromWebhook('https://shop.bitrix24.ru/rest/1/abc/')).toBe('https://shop.bitrix24.ru');
    expect(portalFromWebhook('nonsense')).toBe('');
    expect(defaultDataDir({ DATA_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('onec-b24-exchange');
  });
});
