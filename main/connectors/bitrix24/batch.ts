/**
 * Runs many independent commands through `batch` (ref §3.4): packs ≤ 50 per request — fewer for writes, so that one
 * request stays well under the portal's 60 s cap (size from the server time the portal reports per call) — runs
 * the batches concurrently under the client's limits, retries what did not run (operating limit hit mid-batch), and
 * never re-sends a create whose outcome is unknown before looking the record up (ORIGIN_ID / XML_ID).
 */
import { Bitrix24Client, MAX_BATCH, isIdempotentMethod, type Command, type CommandOutcome } from './client';
import { Bitrix24Error } from './errors';

/** apiError of a batch command the portal never ran (halt, or dropped): safe to send again. */
export const NOT_RUN = 'BATCH_NOT_RUN';

export interface Job extends Command {
  /**
   * For creates: a read that finds the record when we cannot tell whether the create happened.
   * `pick` turns its result into what the create would have returned (the new id), or null when absent.
   */
  lookup?: { command: Command; pick: (result: unknown) => unknown };
}

export interface RunOptions {
  /** Upper bound of commands per batch (≤ 50). */
  maxPerBatch?: number;
  /** Estimated server seconds one write request may take (default 20 s, the portal cuts at 60 s — ref §3.3). */
  targetRequestSec?: number;
  /** Retries of a command that failed transiently (not counting limit waits). */
  maxRetries?: number;
  /** Batches in flight at once (default: the client's concurrency). */
  concurrency?: number;
}

/** Errors after which nothing else can succeed: stop the whole run. */
const FATAL = new Set(['AUTH_FAILED', 'OAUTH_REFRESH_FAILED', 'REST_UNAVAILABLE', 'OVERLOAD', 'PORTAL_DELETED', 'PORTAL_MOVED', 'INVALID_URL', 'TLS_ERROR', 'WRONG_AUTH_TYPE']);

export function isFatal(e: unknown): boolean {
  return e instanceof Bitrix24Error && FATAL.has(e.code);
}

/** Results in the order of `jobs`. Rejects only on a fatal error (bad webhook, blocked portal…). */
export async function runJobs(client: Bitrix24Client, jobs: Job[], opts: RunOptions = {}): Promise<CommandOutcome[]> {
  const out: CommandOutcome[] = new Array(jobs.length);
  const attempts = new Array<number>(jobs.length).fill(0);
  const limitRequeues = new Array<number>(jobs.length).fill(0);
  const maxRetries = opts.maxRetries ?? 4;
  let pending = jobs.map((_, i) => i);

  while (pending.length > 0) {
    const chunks = pack(client, jobs, pending, opts);
    const requeue: number[] = [];
    const unknown: number[] = [];
    await pool(chunks, opts.concurrency ?? client.concurrency, async (chunk) => {
      const { settled, whole } = await runChunk(client, jobs, chunk);
      for (const [i, o] of settled) {
        if (o.ok) {
          out[i] = o;
          continue;
        }
        const e = o.error;
        if (isFatal(e)) throw e;
        const idem = jobs[i].idempotent ?? isIdempotentMethod(jobs[i].method);
        if (whole) {
          // The client already retried what it could; only an unanswered non-idempotent request comes back here.
          if (!e.outcomeUnknown || whole.idempotent) out[i] = o;
          else if (!idem) unknown.push(i);
          else if (++attempts[i] > maxRetries) out[i] = o;
          else requeue.push(i);
          continue;
        }
        if (e.code === 'OPERATION_LIMIT' || e.code === 'QUERY_LIMIT' || e.apiError === NOT_RUN) {
          // did not run: send again (the client waits for the limit); bounded so a stuck portal cannot loop forever
          if (++limitRequeues[i] > 200) out[i] = o;
          else requeue.push(i);
        }
        else if (e.retryable && idem) {
          if (++attempts[i] > maxRetries) out[i] = o;
          else requeue.push(i);
        } else if (e.retryable && e.outcomeUnknown) unknown.push(i);
        else out[i] = o;
      }
    });
    if (unknown.length > 0) await resolveUnknown(client, jobs, unknown, out, requeue, attempts, maxRetries, opts);
    pending = requeue;
  }
  return out;
}

/** Runs one chunk: a direct call for a single command, a batch otherwise. Whole-request failures become per-command outcomes. */
async function runChunk(client: Bitrix24Client, jobs: Job[], chunk: number[]): Promise<{ settled: [number, CommandOutcome][]; whole: { idempotent: boolean } | null }> {
  try {
    if (chunk.length === 1) {
      const j = jobs[chunk[0]];
      const res = await client.call(j.method, j.params ?? {}, { idempotent: j.idempotent });
      return { settled: [[chunk[0], { ok: true, result: res.result, total: res.total, next: res.next, time: res.time }]], whole: null };
    }
    const cmds: Record<string, Command> = {};
    chunk.forEach((i, n) => { cmds[`c${n}`] = jobs[i]; });
    const res = await client.batch(cmds);
    return { settled: chunk.map((i, n) => [i, res[`c${n}`]]), whole: null };
  } catch (err) {
    if (!(err instanceof Bitrix24Error)) throw err;
    const idempotent = chunk.every((i) => jobs[i].idempotent ?? isIdempotentMethod(jobs[i].method));
    return { settled: chunk.map((i) => [i, { ok: false, error: err }]), whole: { idempotent } };
  }
}

/** Creates whose outcome is unknown: look each one up; found → done, absent → send again; no lookup → report. */
async function resolveUnknown(client: Bitrix24Client, jobs: Job[], idx: number[], out: CommandOutcome[], requeue: number[], attempts: number[], maxRetries: number, opts: RunOptions): Promise<void> {
  const withLookup = idx.filter((i) => jobs[i].lookup);
  for (const i of idx) {
    if (!jobs[i].lookup) {
      out[i] = { ok: false, error: new Bitrix24Error({ code: 'OUTCOME_UNKNOWN', method: jobs[i].method, message: `${jobs[i].method}: no answer, outcome unknown`, userMessage: 'Битрикс24 не ответил на запрос создания записи, и проверить, создана ли она, нельзя. Проверьте запись на портале; обмен не повторял запрос, чтобы не создать дубль.' }) };
    }
  }
  if (withLookup.length === 0) return;
  const found = await runJobs(client, withLookup.map((i) => ({ ...jobs[i].lookup!.command, idempotent: true })), { ...opts, maxRetries });
  withLookup.forEach((i, n) => {
    const f = found[n];
    if (!f.ok) {
      out[i] = f;
      return;
    }
    const hit = jobs[i].lookup!.pick(f.result);
    if (hit !== null && hit !== undefined) out[i] = { ok: true, result: hit };
    else if (++attempts[i] > maxRetries) out[i] = { ok: false, error: new Bitrix24Error({ code: 'OUTCOME_UNKNOWN', method: jobs[i].method, message: 'create kept failing', userMessage: 'Битрикс24 несколько раз не ответил на создание записи. Повторите обмен позже.' }) };
    else requeue.push(i);
  });
}

/** Packs pending commands into batches by estimated server time. */
function pack(client: Bitrix24Client, jobs: Job[], pending: number[], opts: RunOptions): number[][] {
  const max = Math.min(MAX_BATCH, opts.maxPerBatch ?? MAX_BATCH);
  // A batch stays well under the 60 s cap, and small next to the operating budget so it never overruns it mid-way.
  const target = Math.min(opts.targetRequestSec ?? 20, client.operating.config.limitSec / 8);
  const chunks: number[][] = [];
  let cur: number[] = [];
  let cost = 0;
  for (const i of pending) {
    const c = client.estimateCost(jobs[i].method);
    if (cur.length > 0 && (cur.length >= max || cost + c > target)) {
      chunks.push(cur);
      cur = [];
      cost = 0;
    }
    cur.push(i);
    cost += c;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  if (failure !== null) throw failure;
}

/** One command with the same guarantees (limits, no blind create retry); throws its error. */
export async function runOne<R = unknown>(client: Bitrix24Client, job: Job): Promise<R> {
  const [o] = await runJobs(client, [job]);
  if (!o.ok) throw o.error;
  return o.result as R;
}
