// Conformance: the official @bitrix24/b24jssdk runs unmodified against the simulator served over HTTPS
// (ref §14). The self-signed certificate is trusted only inside the child process (its own env), never here.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBitrix24Simulator, type Bitrix24Sim } from './index';

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const child = fileURLToPath(new URL('./sdk-conformance.child.ts', import.meta.url));

function runChild(webhookUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', tsxLoader, child, webhookUrl], {
      env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('official JS SDK against the simulator (ref §14)', () => {
  let sim: Bitrix24Sim;
  let observed: Record<string, unknown>;

  beforeAll(async () => {
    sim = await startBitrix24Simulator({ https: true, seed: 'small' });
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    const r = await runChild(sim.webhookUrl);
    if (r.code !== 0) throw new Error(`SDK child failed (${r.code}): ${r.stderr}\n${r.stdout}`);
    observed = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
  });

  it('serves HTTPS; the SDK refuses the http:// form of the webhook', () => {
    expect(sim.webhookUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/rest\/1\/[^/]+\/$/);
    expect(observed.httpRefused).toBe('JSSDK_HOOK_URL_NOT_HTTPS');
  });

  it('call.make: add returns the id; list gives getTotal/isMore', () => {
    expect(observed.addedId).toEqual(expect.any(Number));
    expect(observed.listTotal).toBe(20 + 1 + 60);
    expect(observed.listIsMore).toBe(true);
    expect(observed.listPage).toBe(50);
  });

  it('batchByChunk creates 60 records in two batches', () => {
    expect(observed.chunkIds).toBe(60);
    expect(sim.control.calls().http.batch).toBeGreaterThanOrEqual(2);
  });

  it('batch.make with $result references, named and as an array', () => {
    expect(observed.batchOk).toBe(true);
    expect(observed.batchRefName).toBe('Ref');
    expect(observed.batchRefDealContactMatches).toBe(true);
    expect(observed.arrayBatchName).toBe('SDK');
  });

  it('callList / fetchList page through everything by id cursor', () => {
    const total = 20 + 1 + 60 + 1;
    expect(observed.callListCount).toBe(total);
    expect(observed.callListUnique).toBe(total);
    expect(observed.fetchListChunks).toEqual([50, total - 50]);
  });

  it('errors map to the SDK codes: NOT_FOUND, ERROR_METHOD_NOT_FOUND', () => {
    expect(observed.notFound).toEqual({ code: 'NOT_FOUND', status: 400 });
    expect(observed.batchNotFound).toContain('Element not found');
    expect(observed.unknownMethod).toEqual({ code: 'ERROR_METHOD_NOT_FOUND', status: 404 });
  });
});
