/** What every adapter needs: the client, the auto-batcher, the options and the portal's set-up (resolved once). */
import type { SweepOptions } from '../changes';
import type { Bitrix24Client } from '../client';
import { Coalescer } from '../coalescer';
import { adapterOptions, type Bitrix24AdapterOptions } from './options';
import { ensureSetup, type PortalSetup } from './setup';

export class AdapterContext {
  readonly rpc: Coalescer;
  readonly options: Bitrix24AdapterOptions;
  private setupPromise: Promise<PortalSetup> | null = null;

  constructor(readonly client: Bitrix24Client, options: Partial<Bitrix24AdapterOptions> = {}) {
    this.rpc = new Coalescer(client);
    this.options = adapterOptions({ integrationUserId: client.auth.userId(), ...options });
  }

  /** Creates the bonus-card user fields when missing and reads the dictionaries; once per context. */
  setup(): Promise<PortalSetup> {
    if (!this.setupPromise) {
      this.setupPromise = ensureSetup(this.client, this.options).catch((e: unknown) => {
        this.setupPromise = null;
        throw e;
      });
    }
    return this.setupPromise;
  }

  /** Sweep options with the first page sent through the auto-batcher (sweeps started together share one request). */
  sweepOptions(extra: Partial<SweepOptions> = {}): SweepOptions {
    return { ...this.options.changes, firstPage: (method, params) => this.rpc.runFull({ method, params }), ...extra };
  }

  /** Our own write: last modified by the integration user (ref §1.1). */
  isOwnWrite(modifiedBy: string | undefined): boolean {
    return !!modifiedBy && !!this.options.integrationUserId && modifiedBy === this.options.integrationUserId;
  }
}
