/**
 * Composition root of the 1С side: builds the client, reads `$metadata` once (it can be large, ref §1.11),
 * checks the published composition against what the enabled features need (drift check), and builds the
 * entity adapters on one shared context.
 */
import { assertTimeZone } from './convert';
import { OnecClient, type OnecClientDeps, type OnecConnection } from './client';
import { checkComposition, describeMissingFields, describeMissingSets, publishStepsHint, type CompositionReport } from './composition';
import { OnecError } from './errors';
import { parseMetadata, type ODataModel } from './metadata';
import { requirementsFor, resolveNames, type FeatureId, type OnecNames } from './metadata-requirements';
import type { OnecAdapterOptions, OnecContext, OnecIssue } from './options';
import { ReferenceCache } from './reference';
import { MemorySnapshotStore, type SnapshotStore } from './snapshot';
import { OnecCustomerAdapter } from './adapters/customers';
import { OnecOrderAdapter } from './adapters/orders';
import { OnecPaymentAdapter } from './adapters/payments';
import { OnecProductAdapter } from './adapters/products';

export interface OnecConnectorDeps extends OnecClientDeps {
  /** Change-detection snapshots; the lead backs this with SQLite. Default: in memory. */
  snapshots?: SnapshotStore;
  now?: () => Date;
  report?: (issue: OnecIssue) => void;
}

export interface OnecConnector {
  client: OnecClient;
  names: OnecNames;
  model: ODataModel;
  composition: CompositionReport;
  customer: OnecCustomerAdapter;
  product: OnecProductAdapter;
  order: OnecOrderAdapter;
  payment: OnecPaymentAdapter;
  /** Re-reads `$metadata` and re-checks the composition (run at the start of each exchange: drift check). */
  recheck(): Promise<CompositionReport>;
}

/** Throws a Russian, actionable error when a feature the exchange is about to use cannot work. */
export function assertFeatures(report: CompositionReport, features: readonly FeatureId[]): void {
  const sets = report.missingSets.filter((m) => features.includes(m.feature));
  const fields = report.missingFields.filter((f) => !f.optional && features.includes(f.feature));
  const fns = report.missingFunctions.filter((f) => features.includes(f.feature));
  if (sets.length === 0 && fields.length === 0 && fns.length === 0) return;
  const parts: string[] = [];
  if (sets.length > 0) parts.push(`в составе OData нет объектов: ${describeMissingSets(sets)}`);
  if (fields.length > 0) parts.push(`нет полей: ${describeMissingFields(fields)}`);
  if (fns.length > 0) parts.push(`нет функций: ${fns.map((f) => `${f.set}/${f.name}`).join(', ')}`);
  const hint = sets.length > 0 ? `\n${publishStepsHint(sets.map((m) => m.metadataName))}` : ' Сверьте имена в настройках сопоставления 1С (раздел «Имена объектов 1С»).';
  throw new OnecError('COMPOSITION', `Обмен с 1С не может начаться: ${parts.join('; ')}.${hint}`);
}

export async function createOnecConnector(
  connection: OnecConnection,
  options: OnecAdapterOptions,
  deps: OnecConnectorDeps = {},
  features?: readonly FeatureId[],
): Promise<OnecConnector> {
  assertTimeZone(options.timeZone);
  const client = OnecClient.create(connection, deps);
  const names = resolveNames(options.names);
  const requirements = requirementsFor(names);
  const model = parseMetadata(await client.metadataXml());
  const composition = checkComposition(model, requirements);
  if (features) assertFeatures(composition, features);
  const issues: OnecIssue[] = [];
  const ctx: OnecContext = {
    client,
    names,
    options,
    model,
    snapshots: deps.snapshots ?? new MemorySnapshotStore(),
    now: deps.now ?? (() => new Date()),
    report: deps.report ?? ((i) => issues.push(i)),
  };
  const refs = new ReferenceCache(ctx);
  const connector: OnecConnector = {
    client,
    names,
    model,
    composition,
    customer: new OnecCustomerAdapter(ctx, refs),
    product: new OnecProductAdapter(ctx, refs),
    order: new OnecOrderAdapter(ctx, refs),
    payment: new OnecPaymentAdapter(ctx, refs),
    async recheck() {
      const fresh = parseMetadata(await client.metadataXml());
      ctx.model = fresh;
      connector.model = fresh;
      connector.composition = checkComposition(fresh, requirements);
      return connector.composition;
    },
  };
  return connector;
}
