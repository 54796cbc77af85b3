import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SystemCheck, OnecFound, Bitrix24Found } from '../../shared/checks';
import { startHeadless, type HeadlessServer } from './index';

const PASSWORD = 'Сек-рет-1С-пароль';
const HOOK = 'https://shop.bitrix24.ru/rest/1/q1w2e3r4t5y6/';

let server: HeadlessServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A connector check that (wrongly) echoes the password it was given: the core must still not leak it. */
const leakyOnec = async (c: { url: string; user: string; password: string }): Promise<SystemCheck<OnecFound>> => ({
  system: 'onec', status: 'error', code: 'AUTH_FAILED', message: `401 for ${c.user}:${c.password}`, items: [], durationMs: 1,
});
const leakyB24 = async (c: { webhookUrl?: string }): Promise<SystemCheck<Bitrix24Found>> => ({
  system: 'bitrix24', status: 'error', code: 'AUTH_FAILED', message: `NO_AUTH_FOUND at ${c.webhookUrl}`, items: [], durationMs: 1,
});

async function start(): Promise<HeadlessServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headless-'));
  server = await startHeadless({ dataDir, port: 0, env: {}, rendererDir: path.join(dataDir, 'no-renderer'), checks: { checkOnec: leakyOnec, checkBitrix24: leakyB24 } });
  return server;
}

async function call(s: HeadlessServer, method: string, args: unknown[], headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, ...headers },
    body: JSON.stringify({ args }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
}

describe('headless server guards', () => {
  it('refuses API calls without the token or with a wrong one', async () => {
    const s = await start();
    const none = await fetch(`${s.url}api/settings.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await call(s, 'settings.info', [], { Authorization: 'Bearer ' + 'f'.repeat(64) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.ok).toBe(false);
    const good = await call(s, 'settings.info', []);
    expect(good.body).toMatchObject({ ok: true, value: { mode: 'headless', secretStorage: 'file' } });
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    const s = await start();
    const foreign = await call(s, 'settings.info', [], { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await call(s, 'settings.info', [], { Origin: `http://127.0.0.1:${s.port}` });
    expect(own.body.ok).toBe(true);
    // DNS rebinding: the page's host name is not ours.
    const rebound = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: s.port, path: '/api/settings.info', method: 'POST', headers: { Host: `evil.example:${s.port}`, Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
        req.on('error', reject);
        req.end('{}');
      });
    });
    expect(rebound).toBe(421);
  });

  it('validates arguments against the contract', async () => {
    const s = await start();
    const bad = await call(s, 'exchange.setAutoSync', [{ enabled: 'yes' }]);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await call(s, 'connections.dropDatabase', []);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('accepts the event socket only with the token protocol and our origin', async () => {
    const s = await start();
    const wsUrl = `ws://127.0.0.1:${s.port}/api/events`;
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl, ['onec-b24.' + '0'.repeat(64)], { origin: `http://127.0.0.1:${s.port}` });
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(refused).toBe('refused');
    const foreign = await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl, [`onec-b24.${s.token}`], { origin: 'http://evil.example' });
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(foreign).toBe('refused');
    const ws = new WebSocket(wsUrl, [`onec-b24.${s.token}`], { origin: `http://127.0.0.1:${s.port}` });
    await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
    const got = new Promise<{ event: string; payload: { autoSync: boolean } }>((resolve) => ws.on('message', (m) => resolve(JSON.parse(String(m)))));
    await call(s, 'exchange.setAutoSync', [{ enabled: true, intervalMinutes: 5 }]);
    expect(await got).toMatchObject({ event: 'exchange.status', payload: { autoSync: true } });
    ws.close();
  });

  it('never lets a saved password or webhook appear in the settings file, the log or an API response', async () => {
    const s = await start();
    const saved = await call(s, 'connections.save', [{
      onec: { url: 'http://srv/retail/odata/standard.odata', user: 'Администратор', password: PASSWORD },
      bitrix24: { authMode: 'webhook', webhookUrl: HOOK },
    }]);
    expect(saved.body.ok).toBe(true);
    expect(saved.body.value).toMatchObject({
      onec: { password: { set: true } },
      bitrix24: { webhookUrl: { set: true, masked: 'https://shop.bitrix24.ru/rest/1/••••••/' }, portalUrl: 'https://shop.bitrix24.ru' },
      secretStorage: 'file',
    });
    const check = await call(s, 'connections.check', [{ target: 'both' }]);
    const logs = await call(s, 'logs.list', [{ limit: 100 }]);
    const view = await call(s, 'connections.get', []);
    for (const body of [saved.body, check.body, logs.body, view.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('q1w2e3r4t5y6');
    }
    expect(JSON.stringify(check.body)).toContain('401 for Администратор:***');
    const settingsText = fs.readFileSync(path.join(s.core.dataDir, 'settings.json'), 'utf8');
    expect(settingsText).not.toContain(PASSWORD);
    expect(settingsText).not.toContain('q1w2e3r4t5y6');
    // The journal lives in SQLite (WAL mode): look at every file of the database.
    for (const f of fs.readdirSync(s.core.dataDir).filter((n) => n.startsWith('exchange.sqlite'))) {
      const bytes = fs.readFileSync(path.join(s.core.dataDir, f));
      expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
      expect(bytes.includes(Buffer.from('q1w2e3r4t5y6'))).toBe(false);
    }
    // The secrets file exists and only its owner can read it.
    const mode = fs.statSync(path.join(s.core.dataDir, 'secrets.json')).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('survives a malformed frame on the event socket and refuses oversized messages', async () => {
    const s = await start();
    const open = async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api/events`, [`onec-b24.${s.token}`], { origin: `http://127.0.0.1:${s.port}` });
      await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
      return ws;
    };
    // A masked frame with the reserved opcode 3: the server's ws emits 'error', which must not kill the process.
    const bad = await open();
    const badClosed = new Promise<void>((resolve) => bad.on('close', () => resolve()));
    bad.on('error', () => undefined);
    (bad as unknown as { _socket: { write(b: Buffer): void } })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
    await badClosed;
    // The socket only sends events: a big message from the client is refused (1009), not buffered.
    const big = await open();
    big.on('error', () => undefined);
    const code = new Promise<number>((resolve) => big.on('close', (c) => resolve(c)));
    big.send('x'.repeat(64 * 1024));
    expect(await code).toBe(1009);
    expect((await call(s, 'settings.info', [])).body.ok).toBe(true);
  });

  it('keeps a password with quotes and backslashes out of the check report', async () => {
    const s = await start();
    const tricky = 'pa"ss\\wo\'rd-1С';
    await call(s, 'connections.save', [{ onec: { url: 'http://srv/retail/odata/standard.odata', user: 'admin', password: tricky }, bitrix24: { authMode: 'webhook' } }]);
    const check = await call(s, 'connections.check', [{ target: 'onec' }]);
    const report = check.body.value as { onec: { message: string } };
    expect(report.onec.message).toBe('401 for admin:***');
    const logs = await call(s, 'logs.list', [{ limit: 100 }]);
    expect(JSON.stringify(logs.body)).not.toContain(JSON.stringify(tricky).slice(1, -1));
  });

  it('never shows more than the portal for a webhook address of an unexpected shape', async () => {
    const s = await start();
    const shapes: Array<[string, string]> = [
      ['https://shop.bitrix24.ru/rest/zzkey12345/', 'https://shop.bitrix24.ru/••••••'],
      ['https://shop.bitrix24.ru/rest/1/zzkey12345/profile.json', 'https://shop.bitrix24.ru/••••••'],
      ['https://shop.bitrix24.ru/rest/1/zzkey12345/?auth=zzkey12345', 'https://shop.bitrix24.ru/••••••'],
      ['https://user:zzkey12345@shop.bitrix24.ru/rest/1/zzkey12345/', 'https://shop.bitrix24.ru/rest/1/••••••/'],
      ['not a url zzkey12345', '••••••'],
    ];
    for (const [hook, masked] of shapes) {
      const saved = await call(s, 'connections.save', [{ onec: { url: '', user: '' }, bitrix24: { authMode: 'webhook', webhookUrl: hook } }]);
      expect(JSON.stringify(saved.body)).not.toContain('zzkey12345');
      expect(saved.body.value).toMatchObject({ bitrix24: { webhookUrl: { set: true, masked } } });
    }
  });

  it('keeps credentials typed into an address out of the settings file', async () => {
    const s = await start();
    const withCreds = await call(s, 'connections.save', [{ onec: { url: 'http://admin:UrlPass9@srv/retail/odata/standard.odata', user: 'admin' }, bitrix24: { authMode: 'webhook' } }]);
    expect(withCreds.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(withCreds.body.error?.message).not.toContain('UrlPass9');
    const portal = await call(s, 'connections.save', [{ onec: { url: '', user: '' }, bitrix24: { authMode: 'oauth', portalUrl: 'https://shop.bitrix24.ru/rest/1/zzportalkey/' } }]);
    expect(portal.body.value).toMatchObject({ bitrix24: { portalUrl: 'https://shop.bitrix24.ru' } });
    const settingsText = fs.readFileSync(path.join(s.core.dataDir, 'settings.json'), 'utf8');
    expect(settingsText).not.toContain('UrlPass9');
    expect(settingsText).not.toContain('zzportalkey');
  });

  it('does not show credentials of an address set by ONEC_ODATA_URL', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headless-'));
    server = await startHeadless({ dataDir, port: 0, env: { ONEC_ODATA_URL: 'http://admin:EnvUrlPass7@srv/retail/odata/standard.odata' }, rendererDir: path.join(dataDir, 'no-renderer') });
    const view = await call(server, 'connections.get', []);
    expect(view.body.value).toMatchObject({ onec: { url: 'http://***:***@srv/retail/odata/standard.odata' }, overriddenByEnv: ['onec.url'] });
    expect(JSON.stringify(view.body)).not.toContain('EnvUrlPass7');
  });

  it('says honestly that the exchange is not available yet', async () => {
    const s = await start();
    const run = await call(s, 'exchange.run', [{ dryRun: true }]);
    expect(run.body).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    expect(run.body.error?.message).toMatch(/пока не реализовано/);
  });
});

describe('headless server static files', () => {
  it('serves the renderer, refuses path traversal and survives malformed URLs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headless-static-'));
    const rendererDir = path.join(dataDir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ok</title>');
    fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'do not serve');
    server = await startHeadless({ dataDir, port: 0, env: {}, rendererDir });
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The page may reach this server's socket only, not any port on the machine.
    expect(index.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${server.port} `);
    expect(index.headers.get('content-security-policy')).not.toContain(':*');
    const traversal = await fetch(`${server.url}..%2fsecret.txt`);
    expect(await traversal.text()).not.toContain('do not serve');
    const malformed = await fetch(`${server.url}%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('does not crash when a file cannot be read (index.html is a folder, e.g. mid-rebuild)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headless-static-'));
    const rendererDir = path.join(dataDir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'index.html'), { recursive: true });
    server = await startHeadless({ dataDir, port: 0, env: {}, rendererDir });
    expect((await fetch(server.url)).status).toBe(503);
    expect((await fetch(`${server.url}app.js`)).status).toBe(503);
    const info = await call(server, 'settings.info', []);
    expect(info.body.ok).toBe(true);
  });
});
