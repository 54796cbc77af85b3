/** Test helper: a client + adapter context wired to a running portal simulator (fast retries, scaled windows). */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startBitrix24Simulator, type Bitrix24Sim } from '../../../../e2e/simulators/bitrix24';
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

/**
 * Starts one time-scaled simulator for the test file, resets it before each test and closes it at the end.
 * Returns a getter, since the simulator exists only once `beforeAll` has run.
 */
export function useSimulator(timeScale: number): () => Bitrix24Sim {
  let sim: Bitrix24Sim | null = null;
  beforeAll(async () => {
    sim = await startBitrix24Simulator({ timeScale });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => sim?.control.reset());
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}
