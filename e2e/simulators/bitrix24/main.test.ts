// The CLI starts a portal and prints its webhook URL.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

describe('main.ts CLI', () => {
  it('prints the webhook URL of a seeded portal and serves it', async () => {
    const p = spawn(process.execPath, ['--import', tsxLoader, main, '--port', '0', '--seed', 'small'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const webhookUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        p.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Webhook URL: (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        p.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/1\/\w+\/$/);
      const r = (await (await fetch(`${webhookUrl}crm.contact.list`)).json()) as { total: number };
      expect(r.total).toBe(20);
    } finally {
      p.kill('SIGTERM');
    }
  });
});
