/**
 * The Electron shell — kept thin: single instance, one window (contextIsolation, sandbox, no nodeIntegration, CSP),
 * the tray, IPC wiring and safeStorage. Everything else is the same core the CLI and headless mode use.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, session, type IpcMainInvokeEvent } from 'electron';
import { createCore, type Core } from '../core';
import { APP_FOLDER_NAME, defaultDataDir } from '../core/paths';
import { CSP } from '../server/static';
import { forwardEvents, registerIpc } from './ipc';
import { createSafeSecretStore } from './secrets';
import { createElectronSettingsStore } from './settings';
import { AppTray, type TrayState } from './tray';
import { isTrustedSender, lockDownContents } from './window-policy';

const here = __dirname;
const rendererIndex = path.join(here, '..', 'renderer', 'index.html');
const preloadPath = path.join(here, 'preload.cjs');
const iconPath = path.join(here, '..', '..', 'build', 'icon.png');

let win: BrowserWindow | null = null;
let core: Core | null = null;
let tray: AppTray | null = null;
let quitting = false;

function trustedSender(e: IpcMainInvokeEvent): boolean {
  return isTrustedSender(e, win && !win.isDestroyed() ? win.webContents : null);
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Обмен 1С:Розница ⇄ Битрикс24',
    show: false,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: preloadPath },
  });
  lockDownContents(w.webContents);
  w.on('close', (event) => {
    // Closing the window keeps the app (and auto-sync) running in the tray.
    if (!quitting) {
      event.preventDefault();
      w.hide();
    }
  });
  w.once('ready-to-show', () => w.show());
  void w.loadFile(rendererIndex);
  return w;
}

function showWindow(): void {
  if (!win || win.isDestroyed()) win = createWindow();
  win.show();
  win.focus();
}

async function trayState(c: Core): Promise<TrayState> {
  const s = await c.api.exchange.status();
  return { autoSync: s.autoSync, exchangeAvailable: s.feature.available, running: s.running };
}

async function start(): Promise<void> {
  app.setPath('userData', defaultDataDir());
  const dataDir = app.getPath('userData');
  core = createCore({
    dataDir,
    mode: 'electron',
    settings: createElectronSettingsStore(dataDir),
    secrets: createSafeSecretStore(dataDir),
  });
  const c = core;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  registerIpc(c, trustedSender);
  forwardEvents(c, () => win);
  tray = new AppTray(iconPath, {
    open: showWindow,
    runNow: () => void c.api.exchange.run().catch((e: Error) => c.log.warn(e.message)),
    setAutoSync: (enabled) => void c.api.exchange.setAutoSync({ enabled }).catch((e: Error) => c.log.warn(e.message)),
    quit: () => {
      quitting = true;
      app.quit();
    },
  });
  tray.show(await trayState(c));
  c.events.on('exchange.status', () => void trayState(c).then((s) => tray?.update(s)).catch((e: Error) => c.log.warn(e.message)));
  showWindow();
}

app.setName(APP_FOLDER_NAME);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('window-all-closed', () => {
    /* stay in the tray */
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    tray?.destroy();
    core?.close();
  });
  // A failed start (no OS encryption, a broken settings file) must say so and quit, not leave an invisible process.
  void app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox('Программа обмена не запущена', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}
