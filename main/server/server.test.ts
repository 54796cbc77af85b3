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
    const traversal = await fetch(`${server.url}..%2fsecret.txt`);
    expect(await traversal.text()).not.toContain('do not serve');
    const malformed = await fetch(`${server.url}%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect((await fetch(server.url)).status).toBe(200);
  });
});
