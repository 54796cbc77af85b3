/**
 * `npm run demo`: the app in headless mode against the built-in simulators with sample data, in a fresh data
 * folder whose connections are already filled in. Prints the URL to open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHeadless } from '../main/server';
import { startBitrix24Simulator } from './simulators/bitrix24';
import { startOnecSimulator } from './simulators/onec';

const dataDir = process.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'onec-b24-demo-'));
const onec = await startOnecSimulator({ seed: 'small' });
const b24 = await startBitrix24Simulator({ seed: 'small' });
const port = Number(process.env.PORT ?? 0);
const server = await startHeadless({ dataDir, port, env: {}, echoLevel: 'info' });
await server.core.api.connections.save({
  onec: { url: onec.url, user: onec.user, password: onec.password },
  bitrix24: { authMode: 'webhook', webhookUrl: b24.webhookUrl },
});

console.log(`Демонстрация: приложение подключено к встроенным симуляторам 1С и Битрикс24.\n`);
console.log(`Откройте в браузере:\n\n  ${server.openUrl}\n`);
console.log(`Папка данных: ${dataDir}\nОстановить: Ctrl+C`);

const stop = () => {
  void Promise.all([server.close(), onec.close(), b24.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
