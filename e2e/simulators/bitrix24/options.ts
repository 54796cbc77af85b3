// Public options and the mutable runtime configuration derived from them.
import type { NotFoundStyle } from './core/errors';

export type Plan = 'professional' | 'enterprise';
export type BatchBilling = 'submethods' | 'batch';
export type SeedKind = 'none' | 'small' | 'large';

export interface Bitrix24SimOptions {
  /** 0 = random */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** self-signed certificate (needed by @bitrix24/b24jssdk, which refuses http — ref §14) */
  https?: boolean;
  /** 1 = real time; 0.01 = limits drain 100× faster (same shape) */
  timeScale?: number;
  /** bucket 50 burst / 2 per s vs 250 / 5 (ref §3.1) */
  plan?: Plan;
  /** per method per 10-minute window, simulated seconds (ref §3.2); default 480 */
  operatingLimitSec?: number;
  /** simulated server seconds per method call; a record may hold '*' as the default; default 0.01 */
  costPerCallSec?: Record<string, number> | number;
  /** ref §3.2 Disagreement: docs bill each sub-method; SDK maintainers measured billing to `batch` */
  batchBilling?: BatchBilling;
  /** webhook scopes; default ['crm','catalog','user_brief','sale','pay_system'] */
  scopes?: string[];
  seed?: SeedKind;
  /** portal offset, default '+03:00' */
  timezone?: string;
  /** webhook secret; default a fixed string so URLs are reproducible */
  webhookSecret?: string;
  /** OAuth access-token lifetime, simulated seconds; default 3600 (ref §1.2) */
  accessTokenTtlSec?: number;
  /** deprecated-method not-found body: as documented (empty code) or uniform NOT_FOUND; default 'documented' */
  notFoundStyle?: NotFoundStyle;
  /** ref §9 Unverified: whether product-row changes bump the deal's DATE_MODIFY; default true */
  rowChangesBumpDeal?: boolean;
  /** seed for the probability-based fault generator; default 1 */
  faultSeed?: number;
}

export interface SimConfig {
  host: string;
  https: boolean;
  plan: Plan;
  operatingLimitSec: number;
  costPerCallSec: Record<string, number>;
  batchBilling: BatchBilling;
  scopes: string[];
  timezone: string;
  accessTokenTtlSec: number;
  notFoundStyle: NotFoundStyle;
  rowChangesBumpDeal: boolean;
  /** false ⇒ 403 ACCESS_DENIED "REST API is available only on commercial plans" */
  restAvailable: boolean;
  /** the integration admin user of the webhook (ref §1.1) */
  webhookUserId: number;
  webhookSecret: string;
  webhookRevoked: boolean;
}

export const DEFAULT_SCOPES = ['crm', 'catalog', 'user_brief', 'sale', 'pay_system'];
export const DEFAULT_COST_SEC = 0.01;
/** ref §3.3: a request (incl. a whole batch) must finish in 60 s. */
export const REQUEST_TIME_CAP_SEC = 60;
/** ref §3.2: 10 one-minute buckets. */
export const OPERATING_WINDOW_SEC = 600;
export const OPERATING_BUCKET_SEC = 60;

export function bucketParams(plan: Plan): { burst: number; drainPerSec: number } {
  return plan === 'enterprise' ? { burst: 250, drainPerSec: 5 } : { burst: 50, drainPerSec: 2 };
}

export function normaliseCosts(c: Bitrix24SimOptions['costPerCallSec']): Record<string, number> {
  if (c === undefined) return { '*': DEFAULT_COST_SEC };
  if (typeof c === 'number') return { '*': c };
  return { '*': DEFAULT_COST_SEC, ...c };
}

export function costOf(costs: Record<string, number>, method: string): number {
  return costs[method] ?? costs[method.toLowerCase()] ?? costs['*'] ?? DEFAULT_COST_SEC;
}

export function resolveConfig(o: Bitrix24SimOptions): SimConfig {
  return {
    host: o.host ?? '127.0.0.1',
    https: o.https ?? false,
    plan: o.plan ?? 'professional',
    operatingLimitSec: o.operatingLimitSec ?? 480,
    costPerCallSec: normaliseCosts(o.costPerCallSec),
    batchBilling: o.batchBilling ?? 'submethods',
    scopes: [...(o.scopes ?? DEFAULT_SCOPES)],
    timezone: o.timezone ?? '+03:00',
    accessTokenTtlSec: o.accessTokenTtlSec ?? 3600,
    notFoundStyle: o.notFoundStyle ?? 'documented',
    rowChangesBumpDeal: o.rowChangesBumpDeal ?? true,
    restAvailable: true,
    webhookUserId: 1,
    webhookSecret: o.webhookSecret ?? 'simsecret0000001',
    webhookRevoked: false,
  };
}
