/** Non-secret settings in electron-store, validated with the same schema as headless mode's JSON file. */
import Store from 'electron-store';
import { SettingsSchema, defaultSettings, type Settings } from '../../shared/settings';
import type { SettingsStore } from '../core/settings-store';

export function createElectronSettingsStore(dataDir: string): SettingsStore {
  const store = new Store<{ settings: Settings }>({ cwd: dataDir, name: 'settings-app', defaults: { settings: defaultSettings() } });
  return {
    read: () => {
      const parsed = SettingsSchema.safeParse(store.get('settings'));
      return parsed.success ? parsed.data : defaultSettings();
    },
    write: (settings) => store.set('settings', SettingsSchema.parse(settings)),
  };
}
