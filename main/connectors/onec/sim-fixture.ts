/** Test fixture: the 1С simulator plus a connector configured with its fixed reference GUIDs. */
import { startOnecSimulator, REFS, type OnecSim } from '../../../e2e/simulators/onec/index';
import { createOnecConnector, type OnecConnector, type OnecConnectorDeps } from './connector';
import type { OnecAdapterOptions, OnecIssue } from './options';
import { MemorySnapshotStore } from './snapshot';

export interface SimFixture {
  sim: OnecSim;
  connector: OnecConnector;
  snapshots: MemorySnapshotStore;
  issues: OnecIssue[];
  clock: { now: Date };
  close(): Promise<void>;
}

export function simOptions(extra: Partial<OnecAdapterOptions> = {}): OnecAdapterOptions {
  return {
    timeZone: 'Europe/Moscow',
    priceTypeId: REFS.priceTypes.retail,
    discountCardKindId: REFS.discountCardKinds.discount5,
    storeId: REFS.stores.main,
    organisationId: REFS.organization,
    warehouseId: REFS.warehouses.main,
    retailCustomerId: REFS.counterparties.retailBuyer,
    ...extra,
  };
}

export async function startFixture(
  simOpts: Parameters<typeof startOnecSimulator>[0] = {},
  options: Partial<OnecAdapterOptions> = {},
  deps: Partial<OnecConnectorDeps> = {},
): Promise<SimFixture> {
  const sim = await startOnecSimulator({ seed: 'small', ...simOpts });
  const clock = { now: new Date('2025-02-10T12:00:00+03:00') };
  const snapshots = new MemorySnapshotStore();
  const issues: OnecIssue[] = [];
  const connector = await createOnecConnector({ url: sim.url, user: sim.user, password: sim.password }, simOptions(options), {
    snapshots,
    now: () => clock.now,
    report: (i) => issues.push(i),
    sleep: async () => undefined,
    ...deps,
  });
  return { sim, connector, snapshots, issues, clock, close: () => sim.close() };
}

export { REFS };
