// Control API of the simulator (in-process as `sim.control`, over HTTP as POST /_sim/<operation>).
import type { NotFoundStyle } from '../core/errors';
import type { TokenPair } from '../auth/oauth';
import type { ActiveFault, FaultSpec } from '../faults/faults';
import { normaliseCosts, type BatchBilling, type Plan, type SeedKind } from '../options';
import type { Portal } from '../runtime/portal';
import type { CallStatsSnapshot } from '../runtime/stats';
import { seedPortal } from '../seed/seed';
import type { CrmKind } from '../state/types';
import { counts, listRecords, type EntityName } from './records';
import { personCreate, personDelete, personEdit, type PersonEdit } from './person';

export interface PortalUrls {
  url: string;
  webhookUrl: string;
}

export interface LimitsSnapshot {
  bucketLevel: number;
  /** `<credential>|<method>` → accumulated simulated seconds in the window */
  operating: Record<string, number>;
}

export interface SimControl {
  seed(kind: SeedKind): void;
  reset(seed?: SeedKind): void;
  counts(): Record<EntityName, number>;
  records(entity: EntityName): Record<string, unknown>[];
  record(entity: EntityName, id: number): Record<string, unknown> | undefined;
  calls(): CallStatsSnapshot;
  resetCalls(): void;
  limits(): LimitsSnapshot;
  resetLimits(): void;
  setScopes(scopes: string[]): void;
  setPlan(plan: Plan): void;
  setCosts(costs: Record<string, number> | number): void;
  setTimeScale(scale: number): void;
  setBatchBilling(mode: BatchBilling): void;
  setOperatingLimit(sec: number): void;
  setRestAvailable(available: boolean): void;
  setNotFoundStyle(style: NotFoundStyle): void;
  setRowChangesBumpDeal(bump: boolean): void;
  renamePortal(): Promise<PortalUrls>;
  revokeWebhook(): void;
  regenerateWebhook(): PortalUrls;
  personEdit(edit: PersonEdit): Record<string, unknown>;
  personCreate(e: { entity: CrmKind; fields: Record<string, unknown>; userId?: number }): number;
  personDelete(e: { entity: CrmKind; id: number; userId?: number }): void;
  injectFault(spec: FaultSpec): number;
  removeFault(id: number): void;
  clearFaults(): void;
  faults(): ActiveFault[];
  issueOAuthTokens(userId?: number): TokenPair & { client_id: string; client_secret: string };
  expireAccessTokens(): void;
}

export interface ControlHooks {
  rename(): Promise<void>;
  urls(): PortalUrls;
}

export function createControl(portal: Portal, hooks: ControlHooks): SimControl {
  const cfg = portal.config;
  const control: SimControl = {
    seed(kind) {
      control.reset(kind);
    },
    reset(seed = 'none') {
      portal.state.reset();
      portal.stats.reset();
      portal.bucket.reset();
      portal.meter.reset();
      portal.faults.clear();
      seedPortal(portal.ctx(cfg.webhookUserId), seed);
    },
    counts: () => counts(portal),
    records: (entity) => listRecords(portal, entity),
    record: (entity, id) => listRecords(portal, entity).find((r) => Number(r.ID ?? r.id) === id),
    calls: () => portal.stats.snapshot(),
    resetCalls: () => portal.stats.reset(),
    limits: () => ({ bucketLevel: portal.bucket.current(), operating: portal.meter.snapshot() }),
    resetLimits() {
      portal.bucket.reset();
      portal.meter.reset();
    },
    setScopes(scopes) {
      cfg.scopes = [...scopes];
    },
    setPlan(plan) {
      cfg.plan = plan;
      portal.applyPlan();
    },
    setCosts(costs) {
      cfg.costPerCallSec = normaliseCosts(costs);
    },
    setTimeScale: (scale) => portal.clock.setTimeScale(scale),
    setBatchBilling(mode) {
      cfg.batchBilling = mode;
    },
    setOperatingLimit(sec) {
      cfg.operatingLimitSec = sec;
    },
    setRestAvailable(available) {
      cfg.restAvailable = available;
    },
    setNotFoundStyle(style) {
      cfg.notFoundStyle = style;
    },
    setRowChangesBumpDeal(bump) {
      cfg.rowChangesBumpDeal = bump;
    },
    async renamePortal() {
      await hooks.rename();
      return hooks.urls();
    },
    revokeWebhook() {
      cfg.webhookRevoked = true;
    },
    regenerateWebhook() {
      // ref §1.1: an admin editing the webhook regenerates its secret — the stored URL breaks.
      cfg.webhookSecret = `sim${Math.random().toString(36).slice(2, 14).padEnd(12, '0')}`;
      cfg.webhookRevoked = false;
      return hooks.urls();
    },
    personEdit: (edit) => personEdit(portal, edit),
    personCreate: (e) => personCreate(portal, e),
    personDelete: (e) => personDelete(portal, e),
    injectFault: (spec) => portal.faults.add(spec),
    removeFault: (id) => portal.faults.remove(id),
    clearFaults: () => portal.faults.clear(),
    faults: () => portal.faults.list(),
    issueOAuthTokens: (userId = cfg.webhookUserId) => ({ ...portal.oauth.issue(userId), client_id: portal.oauth.clientId, client_secret: portal.oauth.clientSecret }),
    expireAccessTokens: () => portal.oauth.expireAll(),
  };
  return control;
}
