/**
 * Non-secret settings. The app backs this with electron-store (main/app/), headless mode and the CLI with a JSON
 * file in the data folder; both validate with the same schema (shared/settings.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SettingsSchema, defaultSettings, type Settings } from '../../shared/settings';
import { AppError } from './errors';

export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
}

export const SETTINGS_FILE = 'settings.json';

export class JsonFileSettingsStore implements SettingsStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SETTINGS_FILE);
  }

  read(): Settings {
    if (!fs.existsSync(this.file)) return defaultSettings();
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (cause) {
      throw new AppError('CONFIG', `Файл настроек ${this.file} повреждён (не JSON). Исправьте или удалите его и задайте настройки заново.`, { cause });
    }
    const parsed = SettingsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('CONFIG', `Файл настроек ${this.file} содержит недопустимые значения: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}. Исправьте их или удалите файл.`);
    }
    return parsed.data;
  }

  write(settings: Settings): void {
    const valid = SettingsSchema.parse(settings);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(valid, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}

/** For tests and ephemeral runs. */
export class MemorySettingsStore implements SettingsStore {
  private value: Settings = defaultSettings();
  read(): Settings {
    return structuredClone(this.value);
  }
  write(settings: Settings): void {
    this.value = SettingsSchema.parse(structuredClone(settings));
  }
}
