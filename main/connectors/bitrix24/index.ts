/** Public API of the Bitrix24 connector. */
import { AdapterContext } from './adapters/context';
import { Bitrix24CustomerAdapter } from './adapters/customers';
import { Bitrix24DealAdapter } from './adapters/deals';
import type { Bitrix24AdapterOptions } from './adapters/options';
import { Bitrix24PaymentAdapter } from './adapters/payments';
import { Bitrix24ProductAdapter } from './adapters/products';
import type { Bitrix24Client } from './client';

export { checkBitrix24, REQUIRED_SCOPES, OPTIONAL_SCOPES, type Bitrix24CheckConfig, type Bitrix24CheckDeps } from './check';
export { Bitrix24Client, isIdempotentMethod, MAX_BATCH, type Command, type CommandOutcome, type ClientStats, type Bitrix24ClientOptions } from './client';
export { createBitrix24Client, USER_AGENT, type Bitrix24ConnectionConfig, type Bitrix24ClientDeps } from './factory';
export { WebhookAuth, OAuthAuth, type AuthStrategy, type OAuthConfig } from './auth';
export type { OAuthTokens } from './oauth';
export { Bitrix24Error, Bitrix24ScopeError, Bitrix24PortalMovedError, Bitrix24LimitError, Bitrix24BatchCommandError, isBitrix24Error, type Bitrix24ErrorCode } from './errors';
export { runJobs, runOne, isFatal, type Job, type RunOptions } from './batch';
export { scanPages, scanAll, scanIds, type ScanOptions } from './scan';
export { resultRef, encodeCommand } from './encode';
export { PROFESSIONAL_LIMITS, ENTERPRISE_LIMITS, type BucketLimits } from './rate-limiter';
export { DEFAULT_OPERATING, type OperatingConfig } from './operating-budget';
export { parseWebhookUrl, parsePortalUrl, maskSecrets } from './webhook-url';
export { AdapterContext } from './adapters/context';
export { adapterOptions, DEFAULT_ADAPTER_OPTIONS, type Bitrix24AdapterOptions } from './adapters/options';
export { ensureSetup, type PortalSetup } from './adapters/setup';
export { listDealCategories, listDealStages, categoryOfStage, type DealCategory, type DealStage } from './adapters/stages';
export { Bitrix24CustomerAdapter, Bitrix24ProductAdapter, Bitrix24DealAdapter, Bitrix24PaymentAdapter };

export interface Bitrix24Adapters {
  context: AdapterContext;
  customer: Bitrix24CustomerAdapter;
  product: Bitrix24ProductAdapter;
  order: Bitrix24DealAdapter;
  payment: Bitrix24PaymentAdapter;
}

/** All four entity adapters over one client (one limiter, one auto-batcher, one set-up). */
export function createBitrix24Adapters(client: Bitrix24Client, options: Partial<Bitrix24AdapterOptions> = {}): Bitrix24Adapters {
  const context = new AdapterContext(client, options);
  return {
    context,
    customer: new Bitrix24CustomerAdapter(context),
    product: new Bitrix24ProductAdapter(context),
    order: new Bitrix24DealAdapter(context),
    payment: new Bitrix24PaymentAdapter(context),
  };
}
