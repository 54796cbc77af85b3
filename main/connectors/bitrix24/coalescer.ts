/**
 * Automatic batching of per-record calls (a DataLoader for REST): adapters ask for one command at a time; commands
 * issued concurrently (by an engine working on many records) are packed into shared `batch` requests. While the
 * portal's limits hold requests back, more commands gather, so batches grow exactly when it matters.
 */
import { runJobs, type Job, type RunOptions } from './batch';
import type { Bitrix24Client, CommandOutcome } from './client';

type Success = Extract<CommandOutcome, { ok: true }>;

interface Pending {
  job: Job;
  resolve: (v: Success) => void;
  reject: (e: unknown) => void;
}

export class Coalescer {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly client: Bitrix24Client, private readonly opts: RunOptions & { maxInFlight?: number } = {}) {}

  /** Runs one command (with the batch runner's guarantees) and resolves with its result or rejects with its error. */
  async run<R = unknown>(job: Job): Promise<R> {
    return (await this.runFull(job)).result as R;
  }

  /** Same, with the whole outcome (result, total, next, time). */
  runFull(job: Job): Promise<Success> {
    return new Promise<Success>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const max = this.opts.maxInFlight ?? this.client.concurrency;
    while (this.inFlight < max && this.queue.length > 0) {
      const take = this.takeChunk();
      this.inFlight++;
      runJobs(this.client, take.map((p) => p.job), { ...this.opts, concurrency: 1 })
        .then((outs) => outs.forEach((o, i) => (o.ok ? take[i].resolve(o) : take[i].reject(o.error))))
        .catch((err: unknown) => take.forEach((p) => p.reject(err)))
        .finally(() => {
          this.inFlight--;
          if (this.queue.length > 0) this.schedule();
        });
    }
  }

  private takeChunk(): Pending[] {
    const maxPer = Math.min(50, this.opts.maxPerBatch ?? 50);
    const target = Math.min(this.opts.targetRequestSec ?? 20, this.client.operating.config.limitSec / 8);
    let cost = 0;
    let n = 0;
    while (n < this.queue.length && n < maxPer) {
      const c = this.client.estimateCost(this.queue[n].job.method);
      if (n > 0 && cost + c > target) break;
      cost += c;
      n++;
    }
    return this.queue.splice(0, n);
  }
}
