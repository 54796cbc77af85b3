/** Tray icon and menu (G4): open, run exchange now, auto-sync on/off, quit. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

export interface TrayActions {
  open(): void;
  runNow(): void;
  setAutoSync(enabled: boolean): void;
  quit(): void;
}

export interface TrayState {
  autoSync: boolean;
  exchangeAvailable: boolean;
  running: boolean;
}

export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: 'Открыть', click: () => actions.open() },
    {
      label: state.running ? 'Обмен выполняется…' : 'Запустить обмен сейчас',
      enabled: state.exchangeAvailable && !state.running,
      click: () => actions.runNow(),
    },
    { label: 'Автообмен по расписанию', type: 'checkbox', checked: state.autoSync, click: (item) => actions.setAutoSync(item.checked) },
    { type: 'separator' },
    { label: 'Выход', click: () => actions.quit() },
  ];
}

export class AppTray {
  private tray: Tray | null = null;

  constructor(private readonly iconPath: string, private readonly actions: TrayActions) {}

  show(state: TrayState): void {
    if (!this.tray) {
      this.tray = new Tray(nativeImage.createFromPath(this.iconPath).resize({ width: 16, height: 16 }));
      this.tray.setToolTip('Обмен 1С:Розница ⇄ Битрикс24');
      this.tray.on('click', () => this.actions.open());
    }
    this.update(state);
  }

  update(state: TrayState): void {
    this.tray?.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, this.actions)));
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }
}
