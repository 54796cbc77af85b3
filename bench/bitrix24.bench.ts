/**
 * Benchmark of the Bitrix24 connector against the portal simulator at Professional limits (burst 50, 2 req/s,
 * 480 s of server time per method per 10 minutes), time-scaled, compared with the official @bitrix24/b24jssdk.
 *
 * (a) 3,000 contacts created where the request bucket binds: ⌈N/50⌉ requests at best, so the job cannot end before
 *     (⌈N/50⌉ − burst) / drain seconds.
 * (b) 12,000 contacts at 0.05 s of server time each, where the per-method operating budget binds: a job costing C
 *     seconds under a budget B per window W cannot finish before W·⌈C/B − 1⌉ (here 600 s).
 * Then everything is read back. Per regime: bound ÷ achieved (1.0 = exactly at the limit), limiter rejections, and
 * the same job through the SDK. Each job runs in a child process against a fresh HTTPS simulator; only that child's
 * environment trusts the throw-away certificate.
 *
 * Env: B24_BENCH_SCALE_A (default 1), B24_BENCH_SCALE_B (default 0.1), B24_BENCH_N_A / B24_BENCH_N_B, B24_BENCH_SDK=0 to skip the SDK.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startBitrix24Simulator } from '../e2e/simulators/bitrix24';
import type { JobResult } from './bitrix24-job.child';

const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const CHILD = fileURLToPath(new URL('./bitrix24-job.child.ts', import.meta.url));

const BURST = 50;
const DRAIN = 2;
const WINDOW = 600;
const BUDGET = 480;

interface Regime {
  key: string;
  title: string;
  n: number;
  scale: number;
  costSec: number;
}

function bound(r: Regime): { sec: number; binds: string } {
  const requests = Math.ceil(r.n / 50);
  const bucket = Math.max(0, requests - BURST) / DRAIN;
  const c = r.n * r.costSec;
  const operating = WINDOW * Math.max(0, Math.ceil(c / BUDGET - 1));
  return operating > bucket ? { sec: operating, binds: `operating: C = ${c.toFixed(0)} s, B = ${BUDGET} s, W = ${WINDOW} s` } : { sec: bucket, binds: `bucket: ${requests} requests, burst ${BURST}, ${DRAIN}/s` };
}

function runChild(impl: 'ours' | 'sdk', webhookUrl: string, r: Regime, startAtMs?: number): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', tsxLoader, CHILD, JSON.stringify({ impl, webhookUrl, n: r.n, scale: r.scale, tag: `${r.key}-${impl}`, startAtMs })], {
      env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as JobResult);
      } catch {
        reject(new Error(`${impl} job exited with ${code}: ${err.slice(-2000)}`));
      }
    });
  });
}

async function job(impl: 'ours' | 'sdk', r: Regime, alignToMinute: boolean): Promise<JobResult & { simHttp: number }> {
  const simStart = Date.now();
  const sim = await startBitrix24Simulator({ https: true, timeScale: r.scale, plan: 'professional', operatingLimitSec: BUDGET, costPerCallSec: { 'crm.contact.add': r.costSec, '*': 0.01 }, batchBilling: 'submethods' });
  try {
    // The operating window is made of one-minute buckets counted from the portal's start: begin the job on a bucket
    // boundary (after the child has had 3 s to boot) so that the first minute leaves the window exactly W later.
    const minuteMs = 60_000 * r.scale;
    const startAtMs = alignToMinute ? simStart + Math.ceil((Date.now() + 3000 - simStart) / minuteMs) * minuteMs : undefined;
    const res = await runChild(impl, sim.webhookUrl, r, startAtMs);
    return { ...res, simHttp: sim.control.calls().httpRequests };
  } finally {
    await sim.close();
  }
}

const f = (n: number, d = 2): string => n.toFixed(d);

export async function run(): Promise<string> {
  const env = process.env;
  const regimes: Regime[] = [
    { key: 'a', title: '(a) bucket-bound creates', n: Number(env.B24_BENCH_N_A ?? 3000), scale: Number(env.B24_BENCH_SCALE_A ?? 1), costSec: 0.01 },
    { key: 'b', title: '(b) operating-bound creates, 0.05 s each', n: Number(env.B24_BENCH_N_B ?? 12000), scale: Number(env.B24_BENCH_SCALE_B ?? 0.1), costSec: 0.05 },
  ];
  const withSdk = env.B24_BENCH_SDK !== '0';
  const lines: string[] = ['Bitrix24 connector vs portal limits (Professional: burst 50, 2 req/s, 480 s / 10 min per method), simulator time-scaled', ''];
  for (const r of regimes) {
    const b = bound(r);
    lines.push(`${r.title}: ${r.n} contacts, time scale ${r.scale} (1 simulated s = ${f(r.scale * 1000, 0)} ms)`);
    lines.push(`  bound: ${f(b.sec, 1)} simulated s (${b.binds})`);
    const impls: ('ours' | 'sdk')[] = withSdk ? ['ours', 'sdk'] : ['ours'];
    const achieved: Record<string, number> = {};
    for (const impl of impls) {
      const res = await job(impl, r, b.binds.startsWith('operating'));
      if (res.error) {
        lines.push(`  ${impl.padEnd(4)}: FAILED — ${res.error}`);
        continue;
      }
      const simSec = res.createMs / 1000 / r.scale;
      achieved[impl] = simSec;
      const ratio = b.sec > 0 ? b.sec / simSec : NaN;
      const readRate = res.read / (res.readMs / 1000);
      const rejections = impl === 'ours' ? `limiter rejections ${(res.bucketRejections ?? 0) + (res.operatingRejections ?? 0)} (503: ${res.bucketRejections ?? 0}, 429: ${res.operatingRejections ?? 0}), retries ${res.retries ?? 0}` : `rounds ${res.rounds ?? 1}`;
      lines.push(`  ${impl.padEnd(4)}: created ${res.created}/${r.n} in ${f(simSec, 1)} simulated s (${f(res.createMs / 1000, 2)} s real) → bound ÷ achieved = ${f(ratio, 3)}; ${rejections}; HTTP requests ${res.simHttp}`);
      lines.push(`        read back ${res.read} rows in ${f(res.readMs / 1000, 2)} s real (${f(readRate, 0)} rows/s)`);
    }
    if (achieved.ours && achieved.sdk) lines.push(`  ours vs SDK: ${f(achieved.sdk / achieved.ours, 2)}× faster`);
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run().then((t) => console.log(t), (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
