/** Where the app keeps its data: DATA_DIR, or the OS app-data folder shared by the app, the CLI and headless mode. */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'onec-b24-exchange';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DATA_DIR && env.DATA_DIR.trim() !== '') return path.resolve(env.DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}
