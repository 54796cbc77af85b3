// Composition of one simulated portal: configuration, simulated clock, data, limits, auth, faults, methods.
import { SimClock } from '../core/clock';
import { FaultInjector } from '../faults/faults';
import { LeakyBucket } from '../limits/leaky-bucket';
import { OperatingMeter } from '../limits/operating-meter';
import { OAuthStore } from '../auth/oauth';
import { MethodRegistry } from '../methods/registry';
import type { Ctx } from '../methods/types';
import { bucketParams, resolveConfig, type Bitrix24SimOptions, type SimConfig } from '../options';
import { PortalState } from '../state/store';
import { CallStats } from './stats';

export class Portal {
  readonly config: SimConfig;
  readonly clock: SimClock;
  readonly state = new PortalState();
  readonly bucket: LeakyBucket;
  readonly meter: OperatingMeter;
  readonly oauth: OAuthStore;
  readonly faults: FaultInjector;
  readonly registry = new MethodRegistry();
  readonly stats = new CallStats();

  constructor(opts: Bitrix24SimOptions) {
    this.config = resolveConfig(opts);
    this.clock = new SimClock(opts.timeScale ?? 1);
    const b = bucketParams(this.config.plan);
    this.bucket = new LeakyBucket(this.clock, b.burst, b.drainPerSec);
    this.meter = new OperatingMeter(this.clock);
    this.oauth = new OAuthStore(this.clock, () => this.config.accessTokenTtlSec);
    this.faults = new FaultInjector(opts.faultSeed ?? 1);
  }

  ctx(userId: number): Ctx {
    return { state: this.state, config: this.config, clock: this.clock, userId };
  }

  applyPlan(): void {
    const b = bucketParams(this.config.plan);
    this.bucket.configure(b.burst, b.drainPerSec);
  }
}
