/**
 * Composition root (ARCHITECTURE.md): builds the services from the data folder, settings and secrets. The Electron
 * app, the headless server and the CLI all call createCore; only the stores they pass differ.
 */
import fs from 'node:fs';
import type { Api, AppInfo } from '../../shared/api';
import { openDatabase, type Db } from '../store/db';
import { EventBus } from './events';
import { LogSink, type Logger } from './logger';
import { Redactor } from './redact';
import { FileSecretStore, type SecretStore } from './secret-store';
import { createConnectionsService, type ConnectionsDeps } from './services/connections';
import { createConflictsService, createExchangeService, createMappingService } from './services/features';
import { createLogsService } from './services/logs';
import { JsonFileSettingsStore, type SettingsStore } from './settings-store';
import { APP_NAME, APP_VERSION } from './version';
import type { LogLevel } from '../../shared/api';

export interface CoreOptions {
  dataDir: string;
  mode: 'electron' | 'headless';
  env?: NodeJS.ProcessEnv;
  settings?: SettingsStore;
  secrets?: SecretStore;
  /** Echo log entries at or above this level to stderr (CLI, server); null = silent. */
  echoLevel?: LogLevel | null;
  /** Test seams for the connection checks. */
  checks?: Pick<ConnectionsDeps, 'checkOnec' | 'checkBitrix24'>;
}

export interface Core {
  api: Api;
  events: EventBus;
  log: Logger;
  redactor: Redactor;
  db: Db;
  dataDir: string;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const env = options.env ?? process.env;
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(options.dataDir);
  const events = new EventBus();
  const redactor = new Redactor();
  const sink = new LogSink({ db, redactor, echoLevel: options.echoLevel ?? null, onEntry: (e) => events.emit('log.entry', e) });
  const log = sink.logger('core');
  const settings = options.settings ?? new JsonFileSettingsStore(options.dataDir);
  const secrets = options.secrets ?? new FileSecretStore(options.dataDir);

  const info: AppInfo = {
    name: APP_NAME,
    version: APP_VERSION,
    mode: options.mode,
    dataDir: options.dataDir,
    secretStorage: secrets.kind,
  };

  const api: Api = {
    connections: createConnectionsService({ settings, secrets, env, redactor, log: sink.logger('connections'), ...options.checks }),
    mapping: createMappingService(),
    exchange: createExchangeService({ settings, events }),
    conflicts: createConflictsService(),
    logs: createLogsService(db),
    settings: { info: async () => info },
  };

  return {
    api,
    events,
    log,
    redactor,
    db,
    dataDir: options.dataDir,
    close: () => db.close(),
  };
}
