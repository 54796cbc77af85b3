/**
 * `npm run sim [-- --only onec|bitrix24] [--onec-port N] [--bitrix24-port N] [--seed small|large|none] [--https]`:
 * starts the built-in 1С and Bitrix24 simulators and prints what to enter in «Подключения» (or export for the CLI).
 */
import { parseArgs } from 'node:util';
import { startBitrix24Simulator } from './bitrix24';
import { startOnecSimulator } from './onec';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'onec-port': { type: 'string', default: '0' },
    'bitrix24-port': { type: 'string', default: '0' },
    seed: { type: 'string', default: 'small' },
    https: { type: 'boolean', default: false },
  },
});

const seed = values.seed as 'small' | 'large' | 'none';
if (!['small', 'large', 'none'].includes(seed)) {
  console.error(`Неизвестный набор данных «${values.seed}»: small | large | none`);
  process.exit(2);
}
if (values.only && !['onec', 'bitrix24'].includes(values.only)) {
  console.error(`--only принимает onec или bitrix24, а не «${values.only}»`);
  process.exit(2);
}

const closers: Array<() => Promise<void>> = [];
const env: string[] = [];

if (values.only !== 'bitrix24') {
  const onec = await startOnecSimulator({ port: Number(values['onec-port']), seed });
  closers.push(() => onec.close());
  console.log(`Симулятор 1С:Розница 2.3 (OData)\n  адрес:        ${onec.url}\n  пользователь: ${onec.user}\n  пароль:       ${onec.password}\n`);
  env.push(`ONEC_ODATA_URL='${onec.url}'`, `ONEC_USER='${onec.user}'`, `ONEC_PASSWORD='${onec.password}'`);
}
if (values.only !== 'onec') {
  const b24 = await startBitrix24Simulator({ port: Number(values['bitrix24-port']), seed, https: values.https });
  closers.push(() => b24.close());
  console.log(`Симулятор портала Битрикс24\n  вебхук:       ${b24.webhookUrl}\n  управление:   ${b24.url}/_sim/\n`);
  env.push(`B24_WEBHOOK_URL='${b24.webhookUrl}'`);
}
console.log(`Для командной строки:\n  export ${env.join(' ')}\n  npm run cli -- check\n\nОстановить: Ctrl+C`);

const stop = () => {
  void Promise.all(closers.map((c) => c())).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
