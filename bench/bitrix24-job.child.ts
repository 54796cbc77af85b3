/**
 * One benchmark job in its own process (started by bitrix24.bench.ts): create N contacts, then read them all back,
 * either with this project's client ("ours") or with the official @bitrix24/b24jssdk ("sdk"), against a simulator
 * served over HTTPS with a throw-away certificate that only this child's environment trusts.
 * argv[2] = JSON { impl, webhookUrl, n, scale }. Prints one JSON line.
 */
import { AjaxResult, B24Hook } from '@bitrix24/b24jssdk';
import { runJobs, type Job } from '../main/connectors/bitrix24/batch';
import { createBitrix24Client } from '../main/connectors/bitrix24/factory';
import { scanAll } from '../main/connectors/bitrix24/scan';

interface Args {
  impl: 'ours' | 'sdk';
  webhookUrl: string;
  n: number;
  scale: number;
  tag: string;
  /** Start the job at this epoch ms (the beginning of one of the portal's one-minute buckets). */
  startAtMs?: number;
}

export interface JobResult {
  createMs: number;
  readMs: number;
  created: number;
  read: number;
  requests?: number;
  bucketRejections?: number;
  operatingRejections?: number;
  retries?: number;
  rounds?: number;
  error?: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const fields = (i: number) => ({ NAME: `Контакт ${i}`, LAST_NAME: 'Тестовый', ORIGINATOR_ID: 'bench', ORIGIN_ID: `${args.tag}-${i}`, PHONE: [{ VALUE: `+7916${String(1_000_000 + i)}`, VALUE_TYPE: 'WORK' }] });

async function waitForStart(): Promise<void> {
  const wait = (args.startAtMs ?? 0) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

async function ours(): Promise<JobResult> {
  const client = createBitrix24Client({ authMode: 'webhook', webhookUrl: args.webhookUrl }, {
    limits: { burst: 50, drainPerSec: 2 / args.scale },
    operating: { windowMs: 600_000 * args.scale, resetMarginMs: 1000, limitSec: 480 },
    retry: { baseDelayMs: 500 * args.scale, maxDelayMs: 30_000 * args.scale },
    timeoutMs: 60_000,
  });
  const jobs: Job[] = Array.from({ length: args.n }, (_, i) => ({
    method: 'crm.contact.add',
    params: { fields: fields(i), params: { REGISTER_SONET_EVENT: 'N' } },
    lookup: { command: { method: 'crm.contact.list', params: { filter: { '=ORIGIN_ID': `${args.tag}-${i}`, '=ORIGINATOR_ID': 'bench' }, select: ['ID'] } }, pick: (r) => (Array.isArray(r) && r[0] ? r[0] : null) },
  }));
  await waitForStart();
  const t0 = performance.now();
  const out = await runJobs(client, jobs);
  const t1 = performance.now();
  const rows = await scanAll(client, { method: 'crm.contact.list', params: { select: ['ID', 'NAME', 'LAST_NAME', 'PHONE'] } });
  const t2 = performance.now();
  const s = client.stats();
  return { createMs: t1 - t0, readMs: t2 - t1, created: out.filter((o) => o.ok).length, read: rows.length, requests: s.requests, bucketRejections: s.bucketRejections, operatingRejections: s.operatingRejections, retries: s.retries };
}

async function sdk(): Promise<JobResult> {
  const b24 = B24Hook.fromWebhookUrl(args.webhookUrl);
  b24.offClientSideWarning();
  await b24.setRestrictionManagerParams({
    rateLimit: { burstLimit: 50, drainRate: 2 / args.scale, adaptiveEnabled: true },
    operatingLimit: { windowMs: 600_000 * args.scale, limitMs: 480_000, heavyPercent: 80 },
    adaptiveConfig: { enabled: true, thresholdPercent: 80, coefficient: 0.01, maxDelay: 7_000 * args.scale },
    maxRetries: 3,
    retryDelay: 1_000 * args.scale,
    retryOnNetworkError: false,
  });
  let pending = Array.from({ length: args.n }, (_, i) => i);
  let created = 0;
  let rounds = 0;
  await waitForStart();
  const t0 = performance.now();
  // The SDK's bulk path (what batchByChunk does: sequential chunks of 50), keeping per-item outcomes so that items
  // refused by a limit can be sent again — batchByChunk itself drops failed items from its merged result.
  while (pending.length > 0 && rounds < 50) {
    rounds++;
    const failed: number[] = [];
    for (let i = 0; i < pending.length; i += 50) {
      const chunk = pending.slice(i, i + 50);
      try {
        const res = await b24.actions.v2.batch.make({ calls: chunk.map((k) => ['crm.contact.add', { fields: fields(k), params: { REGISTER_SONET_EVENT: 'N' } }] as [string, Record<string, unknown>]), options: { isHaltOnError: false, returnAjaxResult: true } });
        const arr = (res.getData() ?? []) as AjaxResult<unknown>[];
        chunk.forEach((k, j) => {
          const r = arr[j];
          if (r && r.isSuccess && r.getData()?.result) created++;
          else failed.push(k);
        });
      } catch {
        failed.push(...chunk);
      }
    }
    pending = failed;
  }
  const t1 = performance.now();
  let read = 0;
  for await (const rows of b24.actions.v2.fetchList.make<{ ID: string }>({ method: 'crm.contact.list', params: { select: ['ID', 'NAME', 'LAST_NAME', 'PHONE'] }, idKey: 'ID' })) read += rows.length;
  const t2 = performance.now();
  return { createMs: t1 - t0, readMs: t2 - t1, created, read, rounds };
}

(args.impl === 'ours' ? ours() : sdk())
  .then((r) => console.log(JSON.stringify(r)))
  .catch((e: unknown) => {
    console.log(JSON.stringify({ createMs: 0, readMs: 0, created: 0, read: 0, error: e instanceof Error ? e.message : String(e) } satisfies JobResult));
  });
