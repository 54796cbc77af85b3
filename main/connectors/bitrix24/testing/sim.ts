/** Test helper: a client + adapter context wired to a running portal simulator (fast retries, scaled windows). */
import type { Bitrix24Sim } from '../../../../e2e/simulators/bitrix24';
import { AdapterContext } from '../adapters/context';
import type { Bitrix24AdapterOptions } from '../adapters/options';
import type { Bitrix24Client } from '../client';
import { createBitrix24Client, type Bitrix24ClientDeps } from '../factory';

export function simClient(sim: Bitrix24Sim, timeScale: number, deps: Bitrix24ClientDeps = {}): Bitrix24Client {
  return createBitrix24Client({ authMode: 'webhook', webhookUrl: sim.webhookUrl }, {
    timeoutMs: 5000,
    retry: { baseDelayMs: 2, maxDelayMs: 20 },
    limits: { burst: 50, drainPerSec: 2 / timeScale },
    operating: { windowMs: 600_000 * timeScale, resetMarginMs: 1000 },
    ...deps,
  });
}

export function simContext(sim: Bitrix24Sim, timeScale: number, options: Partial<Bitrix24AdapterOptions> = {}, deps: Bitrix24ClientDeps = {}): AdapterContext {
  return new AdapterContext(simClient(sim, timeScale, deps), { changes: { overlapSec: 60, deletionScanIntervalMs: 0, pageSize: 500 }, ...options });
}
