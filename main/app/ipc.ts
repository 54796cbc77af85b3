/**
 * IPC wiring: one ipcMain.handle per method of the contract (channels derived from shared/api.ts), sender checked,
 * arguments validated by dispatch; events forwarded to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES, listMethods } from '../../shared/api';
import { fail } from '../../shared/result';
import type { Core } from '../core';
import { dispatch } from '../core/dispatch';

export const IPC_PREFIX = 'api:';
export const IPC_EVENT_CHANNEL = 'api:event';

export function registerIpc(core: Core, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): () => void {
  const log = core.log.child('ipc');
  const channels: string[] = [];
  for (const { service, method, channel } of listMethods()) {
    const name = IPC_PREFIX + channel;
    channels.push(name);
    ipcMain.handle(name, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) return fail('FORBIDDEN', 'Запрос из недоверенного окна отклонён.');
      return dispatch(core.api, service, method, args, log);
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}

export function forwardEvents(core: Core, getWindow: () => BrowserWindow | null): () => void {
  return core.events.onAny((event, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
  }, EVENT_NAMES);
}
