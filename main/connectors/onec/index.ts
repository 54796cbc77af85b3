/** Public API of the 1С connector. */
export { checkOnec, type OnecCheckConfig, type OnecCheckDeps } from './check';
export { createOnecConnector, assertFeatures, type OnecConnector, type OnecConnectorDeps } from './connector';
export { OnecClient, type OnecConnection, type OnecClientDeps, type ODataRow } from './client';
export { OnecTransport, basicAuthHeader, type TransferStats } from './transport';
export * from './errors';
export { MemorySnapshotStore, type SnapshotStore, type SnapshotEntry } from './snapshot';
export { DEFAULT_NAMES, resolveNames, requirementsFor, type OnecNames, type OnecNameOverrides, type FeatureId } from './metadata-requirements';
export { checkComposition, type CompositionReport } from './composition';
export { parseMetadata, type ODataModel } from './metadata';
export type { OnecAdapterOptions, OnecIssue } from './options';
export { OnecCustomerAdapter } from './adapters/customers';
export { OnecProductAdapter } from './adapters/products';
export { OnecOrderAdapter } from './adapters/orders';
export { OnecPaymentAdapter } from './adapters/payments';
export { markerText } from './marker';
