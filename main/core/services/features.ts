/**
 * Services whose features come in later issues (ROADMAP.md): they answer honestly that they are not available yet,
 * and keep the settings they already own (auto-sync interval) so the tray and the UI can be wired now.
 */
import type { ConflictsService, ExchangeService, ExchangeStatus, FeatureStatus, MappingService } from '../../../shared/api';
import { AutoSyncSchema } from '../../../shared/api';
import { notAvailable } from '../errors';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings-store';

export const FEATURE_MESSAGES = {
  mapping: 'Настройка сопоставления (направления обмена, поля, таблица «статус заказа ↔ стадия сделки», вид цены, значения по умолчанию для документов 1С) появится в одной из следующих версий.',
  exchange: 'Обмен данными между 1С и Битрикс24 появится в одной из следующих версий. Сейчас доступна настройка и проверка подключений.',
  conflicts: 'Разбор конфликтов (одно и то же поле изменено в обеих системах) появится вместе с обменом данными.',
  migration: 'Первичная загрузка (перенос данных перед началом обмена)',
} as const;

const unavailable = (message: string): FeatureStatus => ({ available: false, message });

export function createMappingService(): MappingService {
  return { status: async () => unavailable(FEATURE_MESSAGES.mapping) };
}

export function createConflictsService(): ConflictsService {
  return { status: async () => unavailable(FEATURE_MESSAGES.conflicts) };
}

export function createExchangeService(deps: { settings: SettingsStore; events: EventBus }): ExchangeService {
  const status = (): ExchangeStatus => {
    const s = deps.settings.read();
    return {
      running: false,
      autoSync: s.exchange.autoSync,
      intervalMinutes: s.exchange.intervalMinutes,
      lastRun: null,
      feature: unavailable(FEATURE_MESSAGES.exchange),
    };
  };
  return {
    status: async () => status(),
    run: async () => {
      throw notAvailable('Обмен данными');
    },
    setAutoSync: async (raw) => {
      const req = AutoSyncSchema.parse(raw);
      const s = deps.settings.read();
      s.exchange.autoSync = req.enabled;
      if (req.intervalMinutes !== undefined) s.exchange.intervalMinutes = req.intervalMinutes;
      deps.settings.write(s);
      const next = status();
      deps.events.emit('exchange.status', next);
      return next;
    },
  };
}
