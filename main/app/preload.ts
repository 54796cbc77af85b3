/**
 * Preload (sandboxed): exposes exactly the API contract as window.api — no ipcRenderer, no generic invoke.
 * Method proxies are built mechanically from shared/api.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, listMethods, type ApiEvents, type EventName } from '../../shared/api';

const IPC_PREFIX = 'api:';
const IPC_EVENT_CHANNEL = 'api:event';

const api: Record<string, unknown> = {};
for (const { service, method, channel } of listMethods()) {
  const target = (api[service] ??= {}) as Record<string, unknown>;
  target[method] = (...args: unknown[]) => ipcRenderer.invoke(IPC_PREFIX + channel, ...args);
}

api.on = <E extends EventName>(event: E, handler: (payload: ApiEvents[E]) => void): (() => void) => {
  if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event ${String(event)}`);
  const listener = (_e: unknown, msg: { event: EventName; payload: ApiEvents[E] }) => {
    if (msg.event === event) handler(msg.payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
  };
};

contextBridge.exposeInMainWorld('api', api);
