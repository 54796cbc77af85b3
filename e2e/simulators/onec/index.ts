import type { AddressInfo } from 'node:net';
import { createControl, type OnecControl } from './control/control';
import { createSimServer } from './http/server';
import type { SimUser } from './http/auth';
import { applySeed, type LargeCounts, type SeedKind } from './seed';
import { SimState } from './state';

// 1С:Розница 2.3 standard OData interface simulator (ref: /work/shared/reference/1c-retail-odata.md).

export interface OnecSimOptions {
  /** 0 = random port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Publication name, default 'retail' → /retail/odata/standard.odata/. */
  base?: string;
  /** Default: 'Администратор'/'admin' and 'odata'/'odata', both full rights. */
  users?: SimUser[];
  /** Published entity sets (top-level objects; TS and _RecordType sets follow their owner). Default 'all'. */
  composition?: string[] | 'all';
  /** Default 'small'. */
  seed?: SeedKind;
  /** Sizes of the 'large' seed (default 50,000 persons, 2,000 companies, 1,000 products, 10,000 cards, 2,000 orders). */
  largeCounts?: Partial<LargeCounts>;
  /** Delay of the first request after idle (ref §1.2); default 0. */
  slowFirstRequestMs?: number;
  /** Idle period after which a request counts as "first", default 30,000 ms. */
  idleMs?: number;
}

export interface OnecSim {
  /** OData root, ending with '/': http://127.0.0.1:<port>/<base>/odata/standard.odata/ */
  url: string;
  /** Default user (Cyrillic) and password. */
  user: string;
  password: string;
  port: number;
  control: OnecControl;
  close(): Promise<void>;
}

export async function startOnecSimulator(opts: OnecSimOptions = {}): Promise<OnecSim> {
  const state = new SimState(opts.composition ?? 'all', {
    ...(opts.users ? { users: opts.users } : {}),
    slowFirstRequestMs: opts.slowFirstRequestMs ?? 0,
    idleMs: opts.idleMs ?? 30_000,
  });
  const seed = opts.seed ?? 'small';
  applySeed(state.ib, seed, opts.largeCounts);
  const control = createControl(state, seed, opts.largeCounts);
  const base = opts.base ?? 'retail';
  const handle = createSimServer(state, control, base);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    handle.server.once('error', reject);
    handle.server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (handle.server.address() as AddressInfo).port;
  const first = state.settings.users[0];
  return {
    url: `http://${host}:${port}/${encodeURIComponent(base)}/odata/standard.odata/`,
    user: first.name,
    password: first.password,
    port,
    control,
    close: () => handle.close(),
  };
}

export type { OnecControl } from './control/control';
export type { FaultSpec, FaultKind } from './control/faults';
export type { StatsSnapshot, RequestRecord, SetStats } from './control/stats';
export type { SimUser } from './http/auth';
export type { SeedKind, LargeCounts } from './seed';
export { REFS } from './seed/refs';
