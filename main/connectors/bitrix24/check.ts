/**
 * "Проверить подключение" for Bitrix24 (G1): real calls, one line per step (address, connection, auth, scopes, user),
 * and an exact Russian diagnosis with what to do. Never shows the webhook key or tokens.
 */
import type { AxiosInstance } from 'axios';
import type { Bitrix24Found, CheckCode, CheckItem, CheckStatus, SystemCheck } from '../../../shared/checks';
import { Bitrix24Client } from './client';
import type { Clock } from './clock';
import { isObject } from './envelope';
import { Bitrix24Error } from './errors';
import { createAuth, createTransport, type Bitrix24ConnectionConfig } from './factory';
import { maskSecrets, parsePortalUrl, parseWebhookUrl } from './webhook-url';

/** The check takes the connection settings (no pre-obtained access token: it always proves the refresh works). */
export type Bitrix24CheckConfig = Omit<Bitrix24ConnectionConfig, 'accessToken'>;

export interface Bitrix24CheckDeps {
  http?: AxiosInstance;
  timeoutMs?: number;
  onTokens?: (t: { accessToken: string; refreshToken: string; expiresAt: number }) => void;
  clock?: Clock;
}

export const REQUIRED_SCOPES = ['crm', 'catalog'] as const;
export const OPTIONAL_SCOPES: Record<string, string> = {
  user_brief: 'имена пользователей (ответственных)',
  pay_system: 'список способов оплаты',
  sale: 'сумма, дата и номер оплаты из 1С',
};

type StepId = 'address' | 'connection' | 'auth' | 'scopes' | 'user';
const TITLES: Record<StepId, string> = {
  address: 'Адрес портала',
  connection: 'Соединение с порталом',
  auth: 'Авторизация',
  scopes: 'Права доступа (scope)',
  user: 'Пользователь интеграции',
};
const ORDER: StepId[] = ['address', 'connection', 'auth', 'scopes', 'user'];
const WEBHOOK_HOW = 'Битрикс24 → Разработчикам → Другое → Входящий вебхук';

interface Step extends CheckItem {
  code: CheckCode;
}

export async function checkBitrix24(config: Bitrix24CheckConfig, deps: Bitrix24CheckDeps = {}): Promise<SystemCheck<Bitrix24Found>> {
  const now = deps.clock ? () => deps.clock!.now() : () => Date.now();
  const started = now();
  const steps: Step[] = [];
  const add = (id: StepId, status: CheckStatus, code: CheckCode, message: string, hint?: string): void => {
    steps.push({ id, status, code, title: TITLES[id], message, hint });
  };

  // 1. Address: pure parsing, no network.
  const address = checkAddress(config);
  add('address', address.status, address.code, address.message, address.hint);
  if (address.status === 'error') return finish(steps, undefined, now() - started, address.secrets);

  const transport = createTransport({ http: deps.http, timeoutMs: deps.timeoutMs ?? 15_000 });
  const auth = createAuth({ ...config }, transport, deps.onTokens);
  let movedTo: string | undefined;
  const client = new Bitrix24Client({
    auth,
    transport,
    clock: deps.clock,
    retry: { maxRetries: 0, maxLimitWaits: 3 },
    maxConcurrency: 1,
    onPortalMoved: (url) => { movedTo = url; },
  });
  const secrets = [...address.secrets, ...auth.secrets()];
  const found: Bitrix24Found = { portal: auth.portalUrl(), scopes: [], missingScopes: [] };

  // 2–4. Connection, authorisation and scopes: `scope` is in the basic scope, so any working credential may call it.
  let scopes: string[];
  try {
    scopes = await listScopes(client);
  } catch (err) {
    const e = asB24(err);
    recordFailure(e, add, config, movedTo);
    found.portal = auth.portalUrl();
    return finish(steps, found, now() - started, secrets);
  }
  found.portal = auth.portalUrl();
  if (movedTo) {
    add('connection', 'warning', 'PORTAL_MOVED', `Портал переехал на новый адрес: ${movedTo}. Программа связалась с ним по новому адресу.`,
      config.authMode === 'webhook'
        ? `В адресе вебхука в настройках замените старый адрес портала на ${movedTo} (остальная часть адреса не меняется) или скопируйте адрес вебхука заново: ${WEBHOOK_HOW}.`
        : `Укажите новый адрес портала ${movedTo} в настройках подключения.`);
  } else {
    add('connection', 'ok', 'OK', `Портал ${hostLabel(found.portal)} отвечает.`);
  }
  add('auth', 'ok', 'OK', config.authMode === 'webhook' ? 'Вебхук принят порталом.' : 'Приложение авторизовано, ключ доступа получен.');

  const scopeSet = new Set(scopes);
  if (scopeSet.has('user')) scopeSet.add('user_brief');
  found.scopes = scopes;
  const missingRequired = REQUIRED_SCOPES.filter((s) => !scopeSet.has(s));
  const missingOptional = Object.keys(OPTIONAL_SCOPES).filter((s) => !scopeSet.has(s));
  found.missingScopes = [...missingRequired, ...missingOptional];
  if (missingRequired.length > 0) {
    add('scopes', 'error', 'SCOPE_MISSING', `Не хватает обязательных прав: ${missingRequired.join(', ')}. Есть: ${scopes.join(', ') || 'нет'}.`, scopeHint(config, [...missingRequired, ...missingOptional]));
  } else if (missingOptional.length > 0) {
    add('scopes', 'warning', 'SCOPE_MISSING',
      `Обязательные права есть (crm, catalog). Нет дополнительных: ${missingOptional.map((s) => `${s} — ${OPTIONAL_SCOPES[s]}`).join('; ')}.`,
      `Обмен будет работать без них. Чтобы включить эти возможности, ${scopeHint(config, missingOptional).replace(/^./, (c) => c.toLowerCase())}`);
  } else {
    add('scopes', 'ok', 'OK', `Все нужные права есть: ${scopes.join(', ')}.`);
  }

  // 5. The user behind the webhook / app.
  try {
    const res = await client.call<unknown>('profile');
    const p = isObject(res.result) ? res.result : {};
    const id = String(p.ID ?? p.id ?? auth.userId() ?? '');
    const name = [p.NAME, p.LAST_NAME].filter((x) => typeof x === 'string' && x.trim() !== '').join(' ').trim() || `пользователь №${id}`;
    const isAdmin = p.ADMIN === true || p.ADMIN === 'Y' || p.ADMIN === 1 || p.ADMIN === '1' || p.ADMIN === 'true';
    found.user = { id, name, isAdmin };
    if (isAdmin) {
      add('user', 'ok', 'OK', `Вызовы выполняются от имени «${name}» (администратор).`);
    } else {
      add('user', 'warning', 'OK', `Вызовы выполняются от имени «${name}», но он не администратор портала: обмен увидит и изменит только то, что этому пользователю доступно в CRM.`,
        `Рекомендуется отдельный пользователь-администратор для интеграции: создайте вебхук от его имени (${WEBHOOK_HOW}) и вставьте новый адрес в настройках.`);
    }
  } catch (err) {
    const e = asB24(err);
    add('user', 'warning', 'OK', `Не удалось узнать пользователя интеграции: ${maskSecrets(e.userMessage, secrets)}`, 'Проверка пользователя не обязательна; остальные проверки выполнены.');
  }
  return finish(steps, found, now() - started, secrets);
}

/** A cheap read per scope, used when the portal does not answer the `scope` method. */
const SCOPE_PROBES: Record<string, { method: string; params: Record<string, unknown> }> = {
  crm: { method: 'crm.contact.list', params: { select: ['ID'], order: { ID: 'ASC' }, start: -1 } },
  catalog: { method: 'catalog.catalog.list', params: {} },
  user_brief: { method: 'user.current', params: {} },
  pay_system: { method: 'sale.paysystem.list', params: {} },
};

/**
 * The webhook's scopes: the `scope` method answers them directly; where it is not available (ERROR_METHOD_NOT_FOUND)
 * each scope is probed with a cheap read, and `insufficient_scope` (or an unknown method) means it is missing.
 * Authorisation and connection errors propagate either way.
 */
async function listScopes(client: Bitrix24Client): Promise<string[]> {
  try {
    const res = await client.call<unknown>('scope');
    if (Array.isArray(res.result)) return res.result.map(String);
  } catch (err) {
    const e = asB24(err);
    if (!isMethodMissing(e)) throw e;
  }
  const found: string[] = [];
  for (const [scope, probe] of Object.entries(SCOPE_PROBES)) {
    try {
      await client.call<unknown>(probe.method, probe.params);
      found.push(scope);
    } catch (err) {
      const e = asB24(err);
      if (e.code === 'SCOPE_MISSING' || isMethodMissing(e)) continue;
      // Any other answer from the method itself (bad parameters, rights) still proves the scope is granted.
      if (e.code === 'METHOD_ERROR' || e.code === 'VALIDATION' || e.code === 'ACCESS_DENIED' || e.code === 'NOT_FOUND') {
        found.push(scope);
        continue;
      }
      throw e;
    }
  }
  return found;
}

function isMethodMissing(e: Bitrix24Error): boolean {
  // Only a JSON answer of the portal counts: a 404 HTML page means a wrong address, which the caller reports as such.
  return e.apiError === 'ERROR_METHOD_NOT_FOUND' || (e.httpStatus === 404 && e.apiError !== undefined && e.code !== 'AUTH_FAILED');
}

function checkAddress(config: Bitrix24CheckConfig): { status: CheckStatus; code: CheckCode; message: string; hint?: string; secrets: string[] } {
  if (config.authMode === 'webhook') {
    const parsed = parseWebhookUrl(config.webhookUrl ?? '');
    if (!parsed.ok) {
      const empty = parsed.problem === 'EMPTY';
      return {
        status: 'error',
        code: empty ? 'NOT_CONFIGURED' : 'INVALID_URL',
        message: empty ? 'Адрес вебхука не указан.' : `Адрес вебхука указан неверно: ${parsed.detail}.`,
        hint: `Ожидается адрес вида https://<портал>/rest/<id>/<ключ>/. Создайте входящий вебхук (${WEBHOOK_HOW}) с правами crm и catalog, скопируйте его адрес целиком и вставьте в настройках.`,
        secrets: [],
      };
    }
    return { status: 'ok', code: 'OK', message: `Портал ${parsed.value.host}, вебхук пользователя №${parsed.value.userId}.`, secrets: [parsed.value.secret] };
  }
  const portal = parsePortalUrl(config.portalUrl ?? '');
  if (!portal.ok) {
    return { status: 'error', code: config.portalUrl ? 'INVALID_URL' : 'NOT_CONFIGURED', message: `Адрес портала указан неверно: ${portal.detail}.`, hint: 'Укажите адрес портала, например https://mycompany.bitrix24.ru.', secrets: [] };
  }
  const missing = [
    !config.clientId && 'код приложения (client_id)',
    !config.clientSecret && 'ключ приложения (client_secret)',
    !config.refreshToken && 'ключ обновления (разрешение доступа)',
  ].filter(Boolean) as string[];
  if (missing.length > 0) {
    return { status: 'error', code: 'NOT_CONFIGURED', message: `Не указано: ${missing.join(', ')}.`, hint: 'Создайте на портале локальное приложение «использует только API» (Разработчикам → Другое → Локальное приложение), скопируйте client_id и client_secret в настройки и разрешите доступ.', secrets: [config.clientSecret ?? '', config.refreshToken ?? ''] };
  }
  return { status: 'ok', code: 'OK', message: `Портал ${portal.host}, локальное приложение ${config.clientId}.`, secrets: [config.clientSecret ?? '', config.refreshToken ?? ''] };
}

function recordFailure(e: Bitrix24Error, add: (id: StepId, s: CheckStatus, c: CheckCode, m: string, h?: string) => void, config: Bitrix24CheckConfig, movedTo: string | undefined): void {
  const viaOAuthServer = e.method === 'oauth/token';
  const where = viaOAuthServer ? 'сервером авторизации Битрикс24' : 'порталом';
  const connectionFail = (code: CheckCode, message: string, hint: string): void => add('connection', 'error', code, message, hint);
  const connectionOk = (): void => {
    if (movedTo) add('connection', 'warning', 'PORTAL_MOVED', `Портал переехал на новый адрес: ${movedTo}.`, `Обновите адрес в настройках подключения на ${movedTo}.`);
    else add('connection', 'ok', 'OK', 'Портал отвечает.');
  };
  switch (e.code) {
    case 'UNREACHABLE':
      connectionFail('UNREACHABLE', `Нет соединения с ${where}: ${e.userMessage}`, 'Проверьте адрес портала, подключение к интернету, прокси и брандмауэр; откройте адрес портала в браузере на этом компьютере.');
      return;
    case 'TIMEOUT':
      connectionFail('TIMEOUT', `${viaOAuthServer ? 'Сервер авторизации' : 'Портал'} не ответил вовремя.`, 'Проверьте подключение к интернету и повторите проверку; если портал открывается в браузере медленно, повторите позже.');
      return;
    case 'TLS_ERROR':
      connectionFail('TLS_ERROR', `Не удалось установить защищённое соединение (HTTPS) с ${where}.`, 'Проверьте дату и время на компьютере; если антивирус или прокси проверяет HTTPS, добавьте портал в исключения.');
      return;
    case 'BAD_RESPONSE':
      if ((e.httpStatus ?? 0) >= 500) connectionFail('SERVER_ERROR', `Портал вернул страницу ошибки (HTTP ${e.httpStatus}) вместо ответа REST API.`, 'Это временная ошибка на стороне Битрикс24: повторите проверку через несколько минут.');
      else connectionFail('WRONG_URL', `По этому адресу отвечает не REST API Битрикс24 (пришла веб-страница, HTTP ${e.httpStatus}).`, config.authMode === 'webhook' ? `Проверьте адрес вебхука: он должен иметь вид https://<портал>/rest/<id>/<ключ>/ (${WEBHOOK_HOW}).` : 'Проверьте адрес портала.');
      return;
    case 'SERVER_ERROR':
      connectionFail('SERVER_ERROR', `${viaOAuthServer ? 'Сервер авторизации' : 'Портал'} ответил ошибкой (HTTP ${e.httpStatus ?? '?'}${e.apiError ? `, ${e.apiError}` : ''}).`, 'Это временная ошибка на стороне Битрикс24: повторите проверку через несколько минут.');
      return;
    case 'OVERLOAD':
    case 'PORTAL_DELETED':
      connectionFail('SERVER_ERROR', e.userMessage, e.code === 'OVERLOAD' ? 'Обратитесь в техподдержку Битрикс24.' : 'Проверьте адрес портала и его состояние в личном кабинете Битрикс24.');
      return;
    case 'QUERY_LIMIT':
    case 'OPERATION_LIMIT':
      connectionFail('SERVER_ERROR', 'Портал временно ограничил частоту запросов (лимит Битрикс24).', 'Подождите минуту и повторите проверку; если одновременно работают другие интеграции, они расходуют тот же лимит.');
      return;
    case 'PORTAL_MOVED':
      connectionFail('PORTAL_MOVED', e.userMessage, 'Укажите новый адрес портала (или новый адрес вебхука) в настройках подключения.');
      return;
    default:
      break;
  }
  connectionOk();
  switch (e.code) {
    case 'AUTH_FAILED':
      add('auth', 'error', 'AUTH_FAILED',
        config.authMode === 'webhook' ? 'Портал не принял вебхук: он удалён, его ключ перевыпущен или адрес скопирован не полностью.' : 'Портал не принял ключ доступа приложения.',
        config.authMode === 'webhook'
          ? `Создайте вебхук заново: ${WEBHOOK_HOW}, отметьте права crm и catalog, сохраните, скопируйте адрес целиком и вставьте его в настройках.`
          : 'Заново разрешите доступ приложению в настройках подключения.');
      return;
    case 'OAUTH_REFRESH_FAILED':
    case 'TOKEN_EXPIRED':
      add('auth', 'error', e.code === 'TOKEN_EXPIRED' ? 'TOKEN_EXPIRED' : 'AUTH_FAILED', e.userMessage, 'Откройте настройки подключения и нажмите «Разрешить доступ» заново; при ошибке client_id/client_secret скопируйте их из карточки локального приложения.');
      return;
    case 'REST_UNAVAILABLE':
      add('auth', 'error', 'REST_UNAVAILABLE', 'На тарифе портала REST API недоступен.', 'Продлите коммерческий тариф (или подписку «Маркетплейс») в личном кабинете Битрикс24 и повторите проверку.');
      return;
    case 'SCOPE_MISSING':
      add('auth', 'ok', 'OK', 'Учётные данные приняты.');
      add('scopes', 'error', 'SCOPE_MISSING', 'У вебхука (приложения) недостаточно прав даже для чтения списка прав.', scopeHint(config, [...REQUIRED_SCOPES]));
      return;
    case 'ACCESS_DENIED':
    case 'WRONG_AUTH_TYPE':
      add('auth', 'error', 'FORBIDDEN', e.userMessage, `Создайте вебхук от имени администратора портала (${WEBHOOK_HOW}).`);
      return;
    default:
      add('auth', 'error', 'UNEXPECTED_RESPONSE', `Неожиданный ответ портала: ${e.userMessage}`, 'Повторите проверку; если ошибка повторяется, сохраните журнал и сообщите разработчику.');
  }
}

function scopeHint(config: Bitrix24CheckConfig, scopes: string[]): string {
  const list = scopes.join(', ');
  return config.authMode === 'webhook'
    ? `Откройте вебхук (${WEBHOOK_HOW}), отметьте права ${list} и сохраните. Адрес вебхука при этом не меняется.`
    : `Отметьте права ${list} в карточке локального приложения и заново разрешите доступ.`;
}

function hostLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function asB24(err: unknown): Bitrix24Error {
  if (err instanceof Bitrix24Error) return err;
  return new Bitrix24Error({ code: 'METHOD_ERROR', message: String(err), userMessage: 'Внутренняя ошибка проверки. Сообщите разработчику.' });
}

const RANK: Record<CheckStatus, number> = { ok: 0, warning: 1, error: 2 };

function finish(steps: Step[], found: Bitrix24Found | undefined, durationMs: number, secrets: string[]): SystemCheck<Bitrix24Found> {
  const byId = new Map(steps.map((s) => [s.id, s] as const));
  const failed = steps.find((s) => s.status === 'error');
  const items: CheckItem[] = ORDER.map((id) => {
    const s = byId.get(id);
    if (s) return { id, status: s.status, title: s.title, message: maskSecrets(s.message, secrets), hint: s.hint ? maskSecrets(s.hint, secrets) : undefined };
    return { id, status: 'warning', title: TITLES[id], message: `Не проверялось: сначала исправьте ошибку в шаге «${failed ? failed.title : ''}».` };
  });
  const worst = steps.reduce<CheckStatus>((w, s) => (RANK[s.status] > RANK[w] ? s.status : w), 'ok');
  const lead = steps.find((s) => s.status === 'error') ?? steps.find((s) => s.status === 'warning' && s.code !== 'OK') ?? steps.find((s) => s.status === 'warning');
  const summary = lead
    ? lead.message
    : `Подключение к Битрикс24 работает: портал ${found ? hostLabel(found.portal) : ''}${found?.user ? `, пользователь «${found.user.name}»` : ''}.`;
  return {
    system: 'bitrix24',
    status: worst,
    code: lead && lead.status === 'error' ? lead.code : lead ? lead.code : 'OK',
    message: maskSecrets(summary, secrets),
    hint: lead?.hint ? maskSecrets(lead.hint, secrets) : undefined,
    items,
    found,
    durationMs,
  };
}
