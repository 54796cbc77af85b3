/**
 * Error taxonomy of the Bitrix24 connector (ARCHITECTURE.md convention 4: error classes with a code and a cause).
 * Every error carries a Russian `userMessage` that says what to do; none ever contains the webhook secret or a token
 * (causes are replaced by sanitised copies, see `sanitizeCause`).
 * Status codes and error names: ref §3.3.
 */

export type Bitrix24ErrorCode =
  | 'INVALID_URL' // the webhook / portal address is malformed
  | 'UNREACHABLE' // DNS failure, connection refused
  | 'TIMEOUT' // no answer in time
  | 'TLS_ERROR' // certificate / handshake problem
  | 'NETWORK' // connection reset, socket hang-up (outcome of a write unknown)
  | 'AUTH_FAILED' // 401 NO_AUTH_FOUND & co: webhook deleted or key regenerated, token revoked
  | 'TOKEN_EXPIRED' // 401 expired_token (OAuth): refreshed transparently
  | 'OAUTH_REFRESH_FAILED' // the OAuth server refused the refresh token / client credentials
  | 'SCOPE_MISSING' // 403 insufficient_scope
  | 'REST_UNAVAILABLE' // 403 ACCESS_DENIED "REST API is available only on commercial plans", PAYMENT_REQUIRED
  | 'ACCESS_DENIED' // 403 rights of the user behind the webhook
  | 'WRONG_AUTH_TYPE' // method needs an application (OAuth) context
  | 'PORTAL_MOVED' // 302: portal renamed (handled transparently; surfaced by the check)
  | 'QUERY_LIMIT' // 503 QUERY_LIMIT_EXCEEDED: request bucket overflow (waited, not failed)
  | 'OPERATION_LIMIT' // 429 OPERATION_TIME_LIMIT: per-method server-time budget (waited, not failed)
  | 'OVERLOAD' // 503 OVERLOAD_LIMIT: blocked by Bitrix24 support
  | 'PORTAL_DELETED'
  | 'SERVER_ERROR' // 5xx, ERROR_UNEXPECTED_ANSWER
  | 'BAD_RESPONSE' // HTML or non-JSON instead of JSON
  | 'VALIDATION' // the portal rejected a value (invalid e-mail, wrong field value)
  | 'NOT_FOUND'
  | 'CONFLICT' // the record changed since the version the caller based its write on
  | 'METHOD_ERROR' // any other method-level error: a program or data error, no retry
  | 'OUTCOME_UNKNOWN'; // a non-idempotent write may or may not have happened

export interface Bitrix24ErrorInit {
  code: Bitrix24ErrorCode;
  message: string;
  userMessage: string;
  retryable?: boolean;
  httpStatus?: number;
  /** The portal's own error name (`error` field), e.g. QUERY_LIMIT_EXCEEDED. */
  apiError?: string;
  method?: string;
  cause?: unknown;
}

export class Bitrix24Error extends Error {
  readonly code: Bitrix24ErrorCode;
  readonly userMessage: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly apiError?: string;
  readonly method?: string;
  /**
   * True when the request may have reached the portal and been executed although no answer came back
   * (reset, timeout, 5xx, gateway HTML). A create that fails this way must be looked up before a retry (ref §11 b24jssdk #24).
   */
  readonly outcomeUnknown: boolean;

  constructor(init: Bitrix24ErrorInit & { outcomeUnknown?: boolean }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'Bitrix24Error';
    this.code = init.code;
    this.userMessage = init.userMessage;
    this.retryable = init.retryable ?? false;
    this.httpStatus = init.httpStatus;
    this.apiError = init.apiError;
    this.method = init.method;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}

/** 403 insufficient_scope: which scope is missing, when we can tell. */
export class Bitrix24ScopeError extends Bitrix24Error {
  readonly missingScopes: string[];
  constructor(init: Omit<Bitrix24ErrorInit, 'code' | 'userMessage'> & { missingScopes: string[] }) {
    const list = init.missingScopes.join(', ');
    super({
      ...init,
      code: 'SCOPE_MISSING',
      userMessage: list
        ? `У вебхука (приложения) нет прав: ${list}. Откройте вебхук в Битрикс24 (Разработчикам → Другое → Входящий вебхук), отметьте права ${list} и сохраните.`
        : 'У вебхука (приложения) не хватает прав для этого действия. Откройте вебхук в Битрикс24 и добавьте права «CRM» (crm) и «Торговый каталог» (catalog).',
    });
    this.name = 'Bitrix24ScopeError';
    this.missingScopes = init.missingScopes;
  }
}

/** 302: the portal was renamed. The client follows it; this error is raised only when following is impossible. */
export class Bitrix24PortalMovedError extends Bitrix24Error {
  readonly newPortalUrl: string;
  constructor(newPortalUrl: string, cause?: unknown) {
    super({
      code: 'PORTAL_MOVED',
      message: `portal moved to ${newPortalUrl}`,
      userMessage: `Портал переехал на новый адрес ${newPortalUrl}. Укажите новый адрес в настройках подключения к Битрикс24.`,
      cause,
    });
    this.name = 'Bitrix24PortalMovedError';
    this.newPortalUrl = newPortalUrl;
  }
}

/** A limit of the portal was hit; `waitMs` says how long to wait (the client waits itself, callers rarely see this). */
export class Bitrix24LimitError extends Bitrix24Error {
  readonly waitMs: number;
  constructor(init: Omit<Bitrix24ErrorInit, 'retryable'> & { waitMs: number }) {
    super({ ...init, retryable: true });
    this.name = 'Bitrix24LimitError';
    this.waitMs = init.waitMs;
  }
}

/** One sub-command of a batch failed. */
export class Bitrix24BatchCommandError extends Bitrix24Error {
  readonly commandKey: string;
  constructor(commandKey: string, inner: Bitrix24Error) {
    super({
      code: inner.code,
      message: `batch command ${commandKey} (${inner.method ?? '?'}): ${inner.message}`,
      userMessage: inner.userMessage,
      retryable: inner.retryable,
      httpStatus: inner.httpStatus,
      apiError: inner.apiError,
      method: inner.method,
      outcomeUnknown: inner.outcomeUnknown,
    });
    this.name = 'Bitrix24BatchCommandError';
    this.commandKey = commandKey;
  }
}

export function conflictError(what: string, expected: string, actual: string): Bitrix24Error {
  return new Bitrix24Error({
    code: 'CONFLICT',
    message: `${what}: version ${actual} differs from expected ${expected}`,
    userMessage: `Запись «${what}» изменилась в Битрикс24 после последнего обмена. Обмен перечитает её и сравнит изменения; ничего не перезаписано.`,
  });
}

export function isBitrix24Error(e: unknown): e is Bitrix24Error {
  return e instanceof Bitrix24Error;
}

// ---------- mapping of portal answers (ref §3.3) ----------

const RETRY_LATER = 'Повторите попытку позже; обмен продолжит с того же места.';

/** Maps an error answer of the portal (`{error, error_description}` + HTTP status) to a typed error. */
export function errorFromApi(httpStatus: number, error: string, description: string, method?: string): Bitrix24Error {
  const base = { httpStatus, apiError: error, method, message: `${method ?? 'request'}: HTTP ${httpStatus} ${error}${description ? ` — ${description}` : ''}` };
  const upper = error.toUpperCase();
  const desc = description.toLowerCase();

  if (upper === 'EXPIRED_TOKEN') {
    return new Bitrix24Error({ ...base, code: 'TOKEN_EXPIRED', retryable: true, userMessage: 'Срок действия ключа доступа истёк; программа обновит его сама. Если ошибка повторяется, заново разрешите доступ приложению.' });
  }
  if (upper === 'PORTAL_DELETED') {
    return new Bitrix24Error({ ...base, code: 'PORTAL_DELETED', userMessage: 'Портал Битрикс24 удалён или отключён. Проверьте адрес портала и его состояние в личном кабинете Битрикс24.' });
  }
  if (upper === 'OVERLOAD_LIMIT') {
    return new Bitrix24Error({ ...base, code: 'OVERLOAD', userMessage: 'Битрикс24 заблокировал REST-запросы с этого портала из-за перегрузки (OVERLOAD_LIMIT). Обмен остановлен: обратитесь в техподдержку Битрикс24, затем запустите обмен снова.' });
  }
  if (upper === 'QUERY_LIMIT_EXCEEDED') {
    return new Bitrix24LimitError({ ...base, code: 'QUERY_LIMIT', waitMs: 0, userMessage: `Превышен лимит частоты запросов к Битрикс24. Программа подождёт и продолжит сама. ${RETRY_LATER}` });
  }
  if (upper === 'OPERATION_TIME_LIMIT') {
    return new Bitrix24LimitError({ ...base, code: 'OPERATION_LIMIT', waitMs: 0, userMessage: `Исчерпан лимит времени выполнения метода ${method ?? ''} на портале (10 минут). Программа подождёт и продолжит сама. ${RETRY_LATER}` });
  }
  if (upper === 'INSUFFICIENT_SCOPE') {
    return new Bitrix24ScopeError({ ...base, missingScopes: scopeFromMethod(method) });
  }
  if (upper === 'PAYMENT_REQUIRED' || (upper === 'ACCESS_DENIED' && /commercial|тариф|plan|subscription|подписк/.test(desc))) {
    return new Bitrix24Error({ ...base, code: 'REST_UNAVAILABLE', userMessage: 'На тарифе портала REST API недоступен. Продлите коммерческий тариф (или подписку «Маркетплейс») в личном кабинете Битрикс24 и проверьте подключение снова.' });
  }
  if (upper === 'NO_AUTH_FOUND' || upper === 'INVALID_TOKEN' || upper === 'INVALID_CREDENTIALS' || upper === 'AUTHORIZATION_ERROR' || (httpStatus === 401 && upper !== 'EXPIRED_TOKEN')) {
    return new Bitrix24Error({ ...base, code: 'AUTH_FAILED', userMessage: 'Битрикс24 не принял вебхук (ключ неверен, вебхук удалён или его ключ был перевыпущен). Создайте вебхук заново: Битрикс24 → Разработчикам → Другое → Входящий вебхук, отметьте права crm и catalog, скопируйте адрес и вставьте его в настройках.' });
  }
  if (upper === 'WRONG_AUTH_TYPE') {
    return new Bitrix24Error({ ...base, code: 'WRONG_AUTH_TYPE', userMessage: 'Этот метод Битрикс24 работает только через приложение (OAuth), а не через вебхук. Переключите способ подключения на «Локальное приложение».' });
  }
  // catalog.* answers rights problems with HTTP 400 and numeric codes, e.g. `200040300010` "Access Denied",
  // "Insufficient permissions" (D catalog-product-get.md, crm-item-payment-get.md).
  if (upper === 'ACCESS_DENIED' || upper === 'USER_ACCESS_ERROR' || httpStatus === 403 || /^(access denied|insufficient (rights|permissions))/.test(desc)) {
    return new Bitrix24Error({ ...base, code: 'ACCESS_DENIED', userMessage: 'У пользователя, от имени которого создан вебхук, нет прав на это действие. Создайте вебхук от имени администратора портала или выдайте пользователю права в CRM.' });
  }
  // "Not found" (crm.contact.get), "product does not exist." (catalog), "Payment has not been found" /
  // "Payable item has not been found" (crm.item.payment.*, error 0), ERROR_NOT_FOUND, OWNER_NOT_FOUND.
  if (upper === 'NOT_FOUND' || upper.endsWith('_NOT_FOUND') || /not found|not been found|does not exist|не найден|не существует/.test(desc)) {
    return new Bitrix24Error({ ...base, code: 'NOT_FOUND', userMessage: 'Запись не найдена в Битрикс24 (возможно, её удалили). Проверьте запись на портале.' });
  }
  if (upper === 'INTERNAL_SERVER_ERROR' || upper === 'ERROR_UNEXPECTED_ANSWER' || httpStatus >= 500) {
    return new Bitrix24Error({ ...base, code: 'SERVER_ERROR', retryable: true, outcomeUnknown: true, userMessage: `Сервер Битрикс24 временно ответил ошибкой. ${RETRY_LATER}` });
  }
  if (upper === 'INVALID_REQUEST' && /https/.test(desc)) {
    return new Bitrix24Error({ ...base, code: 'INVALID_URL', userMessage: 'Битрикс24 принимает запросы только по HTTPS. Исправьте адрес: он должен начинаться с https://.' });
  }
  if (isValidationError(upper, desc)) {
    return new Bitrix24Error({ ...base, code: 'VALIDATION', userMessage: validationMessage(description) });
  }
  return new Bitrix24Error({ ...base, code: 'METHOD_ERROR', userMessage: `Битрикс24 отклонил запрос${method ? ` (${method})` : ''}: ${description || error}. Проверьте данные записи; если ошибка повторяется, сообщите разработчику.` });
}

function isValidationError(upper: string, desc: string): boolean {
  return upper === 'CRM_FIELD_ERROR_VALUE_NOT_VALID' || upper === '100' || /e-?mail|адрес|invalid|некоррект|неверн|required|обязательн|value/.test(desc);
}

function validationMessage(description: string): string {
  const d = description.toLowerCase();
  if (/e-?mail|электронн/.test(d)) return `Битрикс24 не принял адрес электронной почты (${description}). Исправьте e-mail в карточке покупателя в 1С и запустите обмен снова.`;
  if (/phone|телефон/.test(d)) return `Битрикс24 не принял номер телефона (${description}). Исправьте телефон в карточке и запустите обмен снова.`;
  return `Битрикс24 не принял значение поля: ${description}. Исправьте данные записи и запустите обмен снова.`;
}

/** The scope a method belongs to (for "which scope is missing" messages). */
export function scopeFromMethod(method?: string): string[] {
  if (!method) return [];
  if (method.startsWith('crm.')) return ['crm'];
  if (method.startsWith('catalog.')) return ['catalog'];
  if (method.startsWith('sale.paysystem')) return ['pay_system'];
  if (method.startsWith('sale.')) return ['sale'];
  if (method.startsWith('user.')) return ['user_brief'];
  return [];
}

// ---------- transport-level failures ----------

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_TIMEOUT']);

/** A plain, secret-free copy of a low-level error (axios errors carry the full URL with the webhook key). */
export function sanitizeCause(err: unknown, secrets: string[] = []): Error {
  const raw = err instanceof Error ? err.message : String(err);
  let message = raw;
  for (const s of secrets) if (s) message = message.split(s).join('••••••');
  message = message.replace(/(\/rest\/\d+\/)[^/\s]+/g, '$1••••••');
  const out = new Error(message);
  const code = errorCodeOf(err);
  if (code) (out as Error & { code?: string }).code = code;
  return out;
}

export function errorCodeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && e.code !== 'ERR_BAD_RESPONSE' && e.code !== 'ERR_NETWORK') return e.code;
  if (e.cause) return errorCodeOf(e.cause);
  return typeof e.code === 'string' ? e.code : undefined;
}

/** Maps a failure below HTTP (no status) to a typed error. `host` is shown to the user; never the full URL. */
export function errorFromNetwork(err: unknown, host: string, method?: string, secrets: string[] = []): Bitrix24Error {
  const code = errorCodeOf(err) ?? 'UNKNOWN';
  const cause = sanitizeCause(err, secrets);
  const message = `${method ?? 'request'}: network error ${code} (${host})`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new Bitrix24Error({ code: 'UNREACHABLE', message, method, cause, retryable: true, userMessage: `Адрес ${host} не найден (DNS). Проверьте, что адрес портала написан без ошибок и что компьютер подключён к интернету.` });
  }
  if (UNREACHABLE_CODES.has(code)) {
    return new Bitrix24Error({ code: 'UNREACHABLE', message, method, cause, retryable: true, userMessage: `Не удаётся соединиться с ${host} (соединение отклонено или сеть недоступна). Проверьте подключение к интернету, прокси и брандмауэр.` });
  }
  if (TIMEOUT_CODES.has(code)) {
    return new Bitrix24Error({ code: 'TIMEOUT', message, method, cause, retryable: true, outcomeUnknown: true, userMessage: `Портал ${host} не ответил вовремя. Проверьте подключение к интернету; если портал работает медленно, повторите попытку позже.` });
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /certificate|ssl|tls/i.test(cause.message)) {
    return new Bitrix24Error({ code: 'TLS_ERROR', message, method, cause, userMessage: `Не удалось установить защищённое соединение с ${host} (ошибка сертификата/TLS). Проверьте дату и время на компьютере и настройки антивируса или прокси, который проверяет HTTPS.` });
  }
  return new Bitrix24Error({ code: 'NETWORK', message, method, cause, retryable: true, outcomeUnknown: true, userMessage: `Связь с ${host} прервалась. Проверьте подключение к интернету; обмен повторит запрос сам.` });
}

export function badResponseError(httpStatus: number, method: string | undefined, looksLikeHtml: boolean): Bitrix24Error {
  return new Bitrix24Error({
    code: 'BAD_RESPONSE',
    httpStatus,
    method,
    retryable: true,
    outcomeUnknown: true,
    message: `${method ?? 'request'}: HTTP ${httpStatus} ${looksLikeHtml ? 'HTML' : 'non-JSON'} body`,
    userMessage: httpStatus >= 500 || httpStatus === 0
      ? `Сервер Битрикс24 вернул страницу ошибки вместо ответа. ${RETRY_LATER}`
      : 'По этому адресу отвечает не REST API Битрикс24 (пришла веб-страница вместо данных). Проверьте адрес вебхука: он должен иметь вид https://<портал>/rest/<id>/<ключ>/.',
  });
}
