/**
 * onec-b24 — the command line of the exchange (also `npm run cli -- …`).
 *   check                          test both connections
 *   exchange --once [--dry-run]    one exchange run
 *   migrate [--preview]            initial migration
 *   serve [--port N]               headless mode: the UI in a browser on 127.0.0.1
 * Every command takes --json. Exit codes: 0 ok, 1 run finished with record-level errors or conflicts,
 * 2 configuration or connection error. Configuration: the data folder's settings, overridden by ONEC_ODATA_URL,
 * ONEC_USER, ONEC_PASSWORD, B24_WEBHOOK_URL, DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { createCore } from './core';
import { AppError } from './core/errors';
import { redactPatterns } from './core/redact';
import { FEATURE_MESSAGES } from './core/services/features';
import { defaultDataDir } from './core/paths';
import { APP_NAME, APP_VERSION } from './core/version';
import { formatCheckReport } from './cli-format';

export const EXIT = { OK: 0, RECORD_ERRORS: 1, CONFIG_OR_CONNECTION: 2 } as const;

const HELP = `${APP_NAME} ${APP_VERSION}

Использование: onec-b24 <команда> [параметры]   (или: npm run cli -- <команда> [параметры])

Команды:
  check                          проверить подключение к 1С и Битрикс24
  exchange --once [--dry-run]    выполнить обмен один раз (--dry-run: только показать план)
  migrate [--preview]            первичная загрузка (--preview: только показать, что будет сделано)
  serve [--port N]               запустить интерфейс в браузере на 127.0.0.1 (режим без графической оболочки)

Общие параметры:
  --json                         вывод в формате JSON
  --data-dir <папка>             папка данных (по умолчанию DATA_DIR или папка приложения)
  --help, --version

Переменные окружения: ONEC_ODATA_URL, ONEC_USER, ONEC_PASSWORD, B24_WEBHOOK_URL, DATA_DIR.
Коды выхода: 0 — успешно; 1 — есть ошибки отдельных записей или конфликты; 2 — ошибка настройки или подключения.`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

function notAvailable(json: boolean, io: Io, what: string, message: string): number {
  if (json) io.out(JSON.stringify({ ok: false, error: { code: 'NOT_AVAILABLE', message: `${what}: ${message}` } }));
  else io.err(`${what} пока недоступна в этой версии программы. ${message}`);
  return EXIT.CONFIG_OR_CONNECTION;
}

function commandFailed(json: boolean, io: Io, e: unknown, redact: (text: string) => string): number {
  const error = e instanceof AppError
    ? { code: e.code, message: redact(e.userMessage) }
    : { code: 'INTERNAL', message: `Непредвиденная ошибка: ${redact(e instanceof Error ? e.message : String(e))}` };
  if (json) io.out(JSON.stringify({ ok: false, exitCode: EXIT.CONFIG_OR_CONNECTION, error }));
  else io.err(error.message);
  return EXIT.CONFIG_OR_CONNECTION;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        once: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        preview: { type: 'boolean', default: false },
        port: { type: 'string' },
        host: { type: 'string' },
        'open-url': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    io.err(`Неверные параметры: ${(e as Error).message}\n\n${HELP}`);
    return EXIT.CONFIG_OR_CONNECTION;
  }
  const { values, positionals } = parsed;
  const json = values.json ?? false;
  if (values.version) {
    io.out(json ? JSON.stringify({ name: APP_NAME, version: APP_VERSION }) : `${APP_NAME} ${APP_VERSION}`);
    return EXIT.OK;
  }
  const command = positionals[0];
  if (values.help || !command) {
    io.out(HELP);
    return command || values.help ? EXIT.OK : EXIT.CONFIG_OR_CONNECTION;
  }
  if (positionals.length > 1) {
    io.err(`Лишние аргументы: ${positionals.slice(1).join(' ')}\n\n${HELP}`);
    return EXIT.CONFIG_OR_CONNECTION;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir(env);

  switch (command) {
    case 'check': {
      const core = createCore({ dataDir, mode: 'headless', env, echoLevel: null });
      try {
        const report = await core.api.connections.check({ target: 'both' });
        const failed = [report.onec, report.bitrix24].some((r) => r?.status === 'error');
        const code = failed ? EXIT.CONFIG_OR_CONNECTION : EXIT.OK;
        io.out(json ? JSON.stringify({ ok: !failed, exitCode: code, report }) : formatCheckReport(report));
        return code;
      } catch (e) {
        // A broken settings file or a connector that throws: still one answer (JSON with --json), never a secret.
        return commandFailed(json, io, e, (t) => core.redactor.redact(t));
      } finally {
        core.close();
      }
    }
    case 'exchange':
      if (!values.once) {
        io.err('Укажите --once: команда выполняет один обмен. Обмен по расписанию работает в приложении (значок в области уведомлений) или в режиме serve.');
        return EXIT.CONFIG_OR_CONNECTION;
      }
      return notAvailable(json, io, 'Команда exchange', FEATURE_MESSAGES.exchange);
    case 'migrate':
      return notAvailable(json, io, 'Команда migrate', `${FEATURE_MESSAGES.migration} появится в одной из следующих версий.`);
    case 'serve': {
      const { startHeadless } = await import('./server');
      const port = values.port ? Number(values.port) : 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        io.err(`Неверный номер порта: ${values.port}`);
        return EXIT.CONFIG_OR_CONNECTION;
      }
      const server = await startHeadless({ dataDir, port, host: values.host ?? '127.0.0.1', env, echoLevel: 'info' });
      if (json) io.out(JSON.stringify({ url: server.url, openUrl: server.openUrl, dataDir }));
      else {
        io.out(`Интерфейс запущен. Откройте в браузере:\n\n  ${server.openUrl}\n`);
        io.out(`Папка данных: ${dataDir}\nСекреты хранятся в файле, доступном только текущему пользователю.\nОстановить: Ctrl+C`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      return EXIT.OK;
    }
    default:
      io.err(`Неизвестная команда «${command}».\n\n${HELP}`);
      return EXIT.CONFIG_OR_CONNECTION;
  }
}

async function main(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (e) {
    const message = e instanceof AppError ? e.userMessage : `Непредвиденная ошибка: ${redactPatterns(e instanceof Error ? e.message : String(e))}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = EXIT.CONFIG_OR_CONNECTION;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs|cjs)$/.test(process.argv[1]);
if (invokedDirectly) void main();
