import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from './cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('cli', () => {
  it('prints help and the version', async () => {
    const c = capture();
    expect(await runCli(['--help'], {}, c.io)).toBe(EXIT.OK);
    expect(c.out.join('')).toMatch(/check.*\n.*exchange --once/s);
    const v = capture();
    expect(await runCli(['--version', '--json'], {}, v.io)).toBe(EXIT.OK);
    expect(JSON.parse(v.out[0])).toMatchObject({ version: expect.any(String) });
  });

  it('rejects unknown commands and options with exit code 2', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], {}, c.io)).toBe(EXIT.CONFIG_OR_CONNECTION);
    expect(c.err.join('')).toMatch(/Неизвестная команда/);
    expect(await runCli(['check', '--bogus'], {}, capture().io)).toBe(EXIT.CONFIG_OR_CONNECTION);
  });

  it('parses exchange and migrate and says they are not available yet', async () => {
    const ex = capture();
    expect(await runCli(['exchange', '--once', '--dry-run', '--json', '--data-dir', tmpDir()], {}, ex.io)).toBe(EXIT.CONFIG_OR_CONNECTION);
    expect(JSON.parse(ex.out[0])).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    const mig = capture();
    expect(await runCli(['migrate', '--preview'], {}, mig.io)).toBe(EXIT.CONFIG_OR_CONNECTION);
    expect(mig.err.join('')).toMatch(/пока недоступна/);
    const noOnce = capture();
    expect(await runCli(['exchange'], {}, noOnce.io)).toBe(EXIT.CONFIG_OR_CONNECTION);
    expect(noOnce.err.join('')).toMatch(/--once/);
  });

  it('check: unconfigured and unreachable systems are connection errors (exit 2) with a JSON report', async () => {
    const empty = capture();
    expect(await runCli(['check', '--json'], { DATA_DIR: tmpDir() }, empty.io)).toBe(EXIT.CONFIG_OR_CONNECTION);
    const emptyReport = JSON.parse(empty.out.join(''));
    expect(emptyReport.report.onec.code).toBe('NOT_CONFIGURED');
    expect(emptyReport.report.bitrix24.code).toBe('NOT_CONFIGURED');

    const port = await closedPort();
    const c = capture();
    const code = await runCli(['check', '--json'], {
      DATA_DIR: tmpDir(),
      ONEC_ODATA_URL: `http://127.0.0.1:${port}/retail/odata/standard.odata`,
      ONEC_USER: 'odata',
      ONEC_PASSWORD: 'secret-pass',
      B24_WEBHOOK_URL: `https://127.0.0.1:${port}/rest/1/abcdefgh12345678/`,
    }, c.io);
    expect(code).toBe(EXIT.CONFIG_OR_CONNECTION);
    const text = c.out.join('');
    expect(text).not.toContain('secret-pass');
    expect(text).not.toContain('abcdefgh12345678');
    const report = JSON.parse(text).report;
    expect(report.onec.code).toBe('UNREACHABLE');
    expect(report.bitrix24.code).toBe('UNREACHABLE');
  });

  it('check: a broken settings file still gives one JSON answer on stdout (exit 2)', async () => {
    const dataDir = tmpDir();
    fs.writeFileSync(path.join(dataDir, 'settings.json'), 'not json');
    const c = capture();
    expect(await runCli(['check', '--json', '--data-dir', dataDir], {}, c.io)).toBe(EXIT.CONFIG_OR_CONNECTION);
    expect(JSON.parse(c.out.join(''))).toMatchObject({ ok: false, exitCode: 2, error: { code: 'CONFIG', message: expect.stringMatching(/повреждён/) } });
  });

  it('runs as `npm run cli` from the project root without a build step', () => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', '--version', '--json'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ name: expect.stringContaining('1С') });
  });
});
