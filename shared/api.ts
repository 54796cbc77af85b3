/**
 * The typed API contract between the UI and the core (ARCHITECTURE.md, convention 2).
 * One interface per service, one map of events. Both transports (Electron IPC and the headless HTTP/WebSocket
 * server) implement exactly this; channel names are derived mechanically from `apiSchemas`.
 */
import { z } from 'zod';
import type { ConnectionCheckReport } from './checks';
import type { Result } from './result';
import type { SecretView } from './settings';

// ---------- connections (G1) ----------

export interface ConnectionsView {
  onec: { url: string; user: string; timeZone: string; password: SecretView };
  bitrix24: {
    authMode: 'webhook' | 'oauth';
    portalUrl: string;
    webhookUrl: SecretView;
    clientId: string;
    clientSecret: SecretView;
    refreshToken: SecretView;
  };
  /** Where secrets are kept: encrypted by the OS (Electron safeStorage) or a file readable only by this user. */
  secretStorage: 'safeStorage' | 'file';
  /** Settings forced by environment variables (ONEC_ODATA_URL, …): shown read-only. */
  overriddenByEnv: string[];
}

/** A secret field: a string sets it, null clears it, absent keeps the saved one. */
const SecretInput = z.string().max(4000).nullable().optional();

export const ConnectionsInputSchema = z.object({
  onec: z.object({
    url: z.string().max(2000),
    user: z.string().max(200),
    password: SecretInput,
    timeZone: z.string().max(64).optional(),
  }),
  bitrix24: z.object({
    authMode: z.enum(['webhook', 'oauth']),
    webhookUrl: SecretInput,
    portalUrl: z.string().max(500).optional(),
    clientId: z.string().max(200).optional(),
    clientSecret: SecretInput,
    refreshToken: SecretInput,
  }),
});
export type ConnectionsInput = z.infer<typeof ConnectionsInputSchema>;

export const CheckRequestSchema = z.object({
  target: z.enum(['onec', 'bitrix24', 'both']).default('both'),
  /** Check the values in the form before saving them; absent fields fall back to the saved settings. */
  draft: ConnectionsInputSchema.optional(),
});
export type CheckRequest = z.input<typeof CheckRequestSchema>;

export interface ConnectionsService {
  get(): Promise<ConnectionsView>;
  save(input: ConnectionsInput): Promise<ConnectionsView>;
  check(request?: CheckRequest): Promise<ConnectionCheckReport>;
}

// ---------- mapping (G2), exchange (G3/G4), conflicts (G5) ----------

export interface FeatureStatus {
  available: boolean;
  /** Russian: what the screen will do and when it becomes available. */
  message: string;
}

export interface MappingService {
  status(): Promise<FeatureStatus>;
}

export interface ExchangeStatus {
  running: boolean;
  autoSync: boolean;
  intervalMinutes: number;
  lastRun: RunSummary | null;
  feature: FeatureStatus;
}

export interface RunSummary {
  runId: string;
  kind: 'exchange' | 'migration' | 'check';
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'ok' | 'errors' | 'failed';
  counts: Record<string, number>;
  message: string;
}

export const RunRequestSchema = z.object({ dryRun: z.boolean().default(false) });
export type RunRequest = z.input<typeof RunRequestSchema>;

export const AutoSyncSchema = z.object({
  enabled: z.boolean(),
  intervalMinutes: z.number().int().min(1).max(1440).optional(),
});
export type AutoSyncRequest = z.infer<typeof AutoSyncSchema>;

export interface ExchangeService {
  status(): Promise<ExchangeStatus>;
  run(request?: RunRequest): Promise<RunSummary>;
  setAutoSync(request: AutoSyncRequest): Promise<ExchangeStatus>;
}

export interface ConflictsService {
  status(): Promise<FeatureStatus>;
}

// ---------- logs (G6) ----------

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  id: number;
  at: string;
  level: LogLevel;
  module: string;
  message: string;
  runId: string | null;
}

export const LogQuerySchema = z.object({
  limit: z.number().int().min(1).max(1000).default(200),
  level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  search: z.string().max(200).optional(),
});
export type LogQuery = z.input<typeof LogQuerySchema>;

export interface LogsService {
  list(query?: LogQuery): Promise<LogEntry[]>;
}

// ---------- settings / app ----------

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'headless';
  dataDir: string;
  secretStorage: 'safeStorage' | 'file';
}

export interface SettingsService {
  info(): Promise<AppInfo>;
}

// ---------- the whole API ----------

export interface Api {
  connections: ConnectionsService;
  mapping: MappingService;
  exchange: ExchangeService;
  conflicts: ConflictsService;
  logs: LogsService;
  settings: SettingsService;
}

/** Argument schemas, one tuple per method: the single list from which channels and validation derive. */
export const apiSchemas = {
  connections: {
    get: z.tuple([]),
    save: z.tuple([ConnectionsInputSchema]),
    check: z.tuple([CheckRequestSchema.optional()]),
  },
  mapping: { status: z.tuple([]) },
  exchange: {
    status: z.tuple([]),
    run: z.tuple([RunRequestSchema.optional()]),
    setAutoSync: z.tuple([AutoSyncSchema]),
  },
  conflicts: { status: z.tuple([]) },
  logs: { list: z.tuple([LogQuerySchema.optional()]) },
  settings: { info: z.tuple([]) },
} as const satisfies { [S in keyof Api]: { [M in keyof Api[S]]: z.ZodTuple } };

// Compile-time check that every method of Api has a schema (and vice versa).
type SchemaKeys = { [S in keyof typeof apiSchemas]: keyof (typeof apiSchemas)[S] };
type ApiKeys = { [S in keyof Api]: keyof Api[S] };
const _sameShape: [SchemaKeys, ApiKeys] extends [ApiKeys, SchemaKeys] ? true : never = true;
void _sameShape;

export type ServiceName = keyof Api;
export type MethodName<S extends ServiceName> = keyof Api[S] & string;

/** The channel / route name of a method: "connections.check". */
export function channelOf(service: string, method: string): string {
  return `${service}.${method}`;
}

/** Every (service, method) pair, in a stable order. */
export function listMethods(): Array<{ service: ServiceName; method: string; channel: string }> {
  const out: Array<{ service: ServiceName; method: string; channel: string }> = [];
  for (const service of Object.keys(apiSchemas) as ServiceName[]) {
    for (const method of Object.keys(apiSchemas[service])) out.push({ service, method, channel: channelOf(service, method) });
  }
  return out;
}

// ---------- events ----------

export interface ExchangeProgress {
  runId: string;
  phase: string;
  done: number;
  total: number | null;
  message: string;
}

export interface ApiEvents {
  'exchange.progress': ExchangeProgress;
  'exchange.finished': RunSummary;
  'exchange.status': ExchangeStatus;
  'log.entry': LogEntry;
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = ['exchange.progress', 'exchange.finished', 'exchange.status', 'log.entry'];

// ---------- what the renderer sees (window.api) ----------

type Promisified<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<Result<R>> : never;

/** The client side: every method returns a Result; `on` subscribes to an event and returns an unsubscribe function. */
export type ApiClient = { [S in keyof Api]: { [M in keyof Api[S]]: Promisified<Api[S][M]> } } & {
  on<E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void): () => void;
};
