/**
 * "Проверить подключение" for 1С (G1): checks for real, step by step, and says exactly what is wrong and what
 * to do — address, network, publication, credentials, OData switched on, composition set, every entity set and
 * field the mapping needs (grouped by feature), predefined contact kinds, configuration version.
 */
import type { AxiosInstance } from 'axios';
import type { CheckCode, CheckItem, CheckStatus, OnecFound, SystemCheck } from '../../../shared/checks';
import { serviceDocumentNames, parseJson } from './client';
import { checkComposition, describeDegraded, describeMissingFields, describeMissingSets, metadataNameOf, publishStepsHint, type CompositionReport } from './composition';
import { OnecError } from './errors';
import { parseMetadata, setProperties, type ODataModel } from './metadata';
import { requirementsFor, resolveNames, type OnecNameOverrides, type OnecNames } from './metadata-requirements';
import { buildQuery, entityPath } from './query';
import { parseServiceUrl } from './service-url';
import { httpError, OnecTransport, parseODataError, type RawResponse } from './transport';

export interface OnecCheckConfig {
  url: string;
  user: string;
  password: string;
  /** Name overrides for a release that differs from the reference (metadata-requirements.ts). */
  names?: OnecNameOverrides;
}

export interface OnecCheckDeps {
  http?: AxiosInstance;
  /** Per request; the first request after idle can take tens of seconds on a real server (ref §1.2). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

class Report {
  readonly items: CheckItem[] = [];
  private readonly started = performance.now();
  found?: OnecFound;

  add(id: string, status: CheckStatus, title: string, message: string, hint?: string): void {
    this.items.push({ id, status, title, message, ...(hint ? { hint } : {}) });
  }

  finish(status: CheckStatus, code: CheckCode, message: string, hint?: string): SystemCheck<OnecFound> {
    return {
      system: 'onec',
      status,
      code,
      message,
      ...(hint ? { hint } : {}),
      items: this.items,
      ...(this.found ? { found: this.found } : {}),
      durationMs: Math.round(performance.now() - this.started),
    };
  }

  /** Adds the failing step as an item and returns the overall result for it. */
  fail(id: string, title: string, code: CheckCode, message: string, hint: string): SystemCheck<OnecFound> {
    this.add(id, 'error', title, message, hint);
    return this.finish('error', code, message, hint);
  }
}

export async function checkOnec(config: OnecCheckConfig, deps: OnecCheckDeps = {}): Promise<SystemCheck<OnecFound>> {
  const r = new Report();
  if (config.url.trim() === '' || config.user.trim() === '') {
    return r.fail('settings', 'Настройки подключения', 'NOT_CONFIGURED', 'Не указан адрес 1С или имя пользователя.', 'Заполните адрес публикации (…/odata/standard.odata), имя пользователя и пароль 1С и повторите проверку.');
  }
  const parsed = parseServiceUrl(config.url);
  if (!parsed.ok) {
    return r.fail('url', 'Адрес 1С', 'INVALID_URL', parsed.message, parsed.suggestion ? `Исправьте адрес на: ${parsed.suggestion}` : parsed.hint);
  }
  r.add('url', 'ok', 'Адрес 1С', `Адрес сервиса OData: ${decodeURI(parsed.url)}`);
  const transport = new OnecTransport(
    { serviceUrl: parsed.url, user: config.user, password: config.password },
    { http: deps.http, timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS, retries: 0 },
  );

  // 1. The service root: network, publication, credentials, OData switched on.
  let root: RawResponse;
  try {
    root = await transport.request({ method: 'GET', path: buildQuery(null), raw: true });
  } catch (err) {
    return networkFailure(r, err, parsed.host, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }
  const early = await classifyRoot(r, root, transport, parsed.publicationUrl, config.user);
  if (early) return early;
  r.add('connect', 'ok', 'Связь с сервером 1С', 'Сервер 1С отвечает.');
  r.add('auth', 'ok', 'Пользователь и пароль', `1С приняла пользователя «${config.user}».`);

  let setNames: string[];
  try {
    setNames = serviceDocumentNames(parseJson(root.text));
  } catch {
    return r.fail('odata', 'Стандартный интерфейс OData', 'UNEXPECTED_RESPONSE', 'Ответ 1С не похож на корневой документ OData.', 'Проверьте, что адрес ведёт на публикацию информационной базы 1С и заканчивается на /odata/standard.odata.');
  }
  r.found = { serviceUrl: parsed.url, entitySetCount: setNames.length, missingEntitySets: [] };
  const names = resolveNames(config.names);
  const requirements = requirementsFor(names);
  if (setNames.length === 0) {
    const all = requirements.flatMap((f) => f.sets.map((s) => s.set));
    r.found.missingEntitySets = all;
    return r.fail(
      'composition',
      'Состав стандартного интерфейса OData',
      'ODATA_EMPTY',
      'Стандартный интерфейс OData включён, но в его состав не добавлено ни одного объекта — 1С пока ничего не отдаёт.',
      `Нужно «Установить состав стандартного интерфейса OData».\n${publishStepsHint(all.map(metadataNameOf))}`,
    );
  }
  r.add('odata', 'ok', 'Стандартный интерфейс OData', `Опубликовано наборов сущностей: ${setNames.length}.`);

  // 2. $metadata: every entity set and field the mapping needs.
  let model: ODataModel;
  try {
    const res = await transport.request({ method: 'GET', path: '$metadata', accept: 'xml' });
    model = parseMetadata(res.text);
  } catch (err) {
    const msg = err instanceof OnecError ? err.message : String(err);
    return r.fail('metadata', 'Описание метаданных ($metadata)', 'UNEXPECTED_RESPONSE', `Не удалось получить описание метаданных OData: ${msg}`, 'Повторите проверку; если ошибка повторяется, проверьте журнал регистрации 1С и журнал веб-сервера.');
  }
  const composition = checkComposition(model, requirements);
  r.found.missingEntitySets = composition.missingSets.map((m) => m.set);
  let setsMessage: string | null = null;
  let setsHint: string | null = null;
  if (composition.missingSets.length > 0) {
    setsMessage = `В составе OData нет объектов, нужных обмену (${composition.missingSets.length}): ${describeMissingSets(composition.missingSets)}.`;
    setsHint = publishStepsHint(composition.missingSets.map((m) => m.metadataName));
    r.add('composition', 'error', 'Состав стандартного интерфейса OData', setsMessage, setsHint);
  } else {
    r.add('composition', 'ok', 'Состав стандартного интерфейса OData', 'Все объекты, нужные обмену, опубликованы.');
  }
  if (composition.missingOptionalSets.length > 0) {
    r.add('optionalSets', 'warning', 'Дополнительные объекты', `Не опубликованы необязательные объекты (обмен будет работать без них): ${describeMissingSets(composition.missingOptionalSets)}.`, publishStepsHint(composition.missingOptionalSets.map((m) => m.metadataName)));
  }
  reportFields(r, composition);
  await reportPredefined(r, transport, model, names);
  await reportVersion(r, transport, model, names);
  if (setsMessage && setsHint) return r.finish('error', 'ENTITY_SETS_MISSING', setsMessage, setsHint);
  const blockingFields = composition.missingFields.filter((f) => !f.optional);
  if (blockingFields.length > 0) {
    const message = `В опубликованных объектах нет полей, нужных обмену: ${describeMissingFields(blockingFields)}. Похоже, это другая редакция конфигурации.`;
    return r.finish('error', 'FIELDS_MISSING', message, fieldsHint());
  }
  const warnings = r.items.filter((i) => i.status === 'warning');
  if (warnings.length > 0) {
    return r.finish('warning', 'OK', `Подключение к 1С работает, но есть замечания (${warnings.length}) — см. подробности.`);
  }
  return r.finish('ok', 'OK', 'Подключение к 1С работает, все нужные объекты опубликованы.');
}

function fieldsHint(): string {
  return 'Сверьте имена полей с конфигурацией (Конфигуратор → объект → Реквизиты) и укажите фактические имена в настройках сопоставления 1С (раздел «Имена объектов 1С»), затем повторите проверку. Если поле есть в конфигурации, но его нет в OData — переустановите состав стандартного интерфейса OData.';
}

function networkFailure(r: Report, err: unknown, host: string, timeoutMs: number): SystemCheck<OnecFound> {
  const e = err instanceof OnecError ? err : new OnecError('NETWORK', String(err));
  const title = 'Связь с сервером 1С';
  if (e.code === 'TIMEOUT') {
    return r.fail('connect', title, 'TIMEOUT', `Сервер 1С не ответил за ${Math.round(timeoutMs / 1000)} с.`, 'Проверьте, что сервер 1С и веб-сервер запущены и не перегружены. Первый запрос после простоя может идти до минуты — повторите проверку. Если не помогает, проверьте сеть и брандмауэр между этим компьютером и сервером.');
  }
  const code = e.networkCode ?? '';
  if (/CERT|SSL|TLS/i.test(code)) {
    return r.fail('connect', title, 'TLS_ERROR', `Не удалось установить защищённое соединение с сервером 1С (${code}).`, 'Проверьте сертификат веб-сервера или используйте адрес http:// внутри локальной сети.');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL') {
    return r.fail('connect', title, 'UNREACHABLE', `Сервер «${host}» не найден (ошибка DNS).`, 'Проверьте имя сервера в адресе: откройте этот адрес в браузере на этом компьютере. Можно указать IP-адрес сервера вместо имени.');
  }
  if (code === 'ECONNREFUSED') {
    return r.fail('connect', title, 'UNREACHABLE', `Сервер «${host}» отказал в соединении: на этом порту не работает веб-сервер.`, 'Проверьте, что веб-сервер (Apache или IIS) с публикацией 1С запущен, и что в адресе указан правильный порт (например, :80 или :8080).');
  }
  return r.fail('connect', title, 'UNREACHABLE', `Нет связи с сервером «${host}» (${code || e.message}).`, 'Проверьте сеть, брандмауэр и что сервер включён; откройте адрес публикации в браузере на этом компьютере.');
}

const LOGIN_PAGE_RE = /type\s*=\s*["']?password|авториз|аутентифика|парол|вход в систему|войти|\blog\s?in\b|sign in/i;

/** Returns a final result when the root answer is not usable OData, or null to go on. */
async function classifyRoot(r: Report, res: RawResponse, transport: OnecTransport, publicationUrl: string, user: string): Promise<SystemCheck<OnecFound> | null> {
  const status = res.status;
  // HTTP 401 with OData code 20 is missing rights, not a wrong password (ref §1.5, §1.8).
  const rightsDenied = status === 401 && parseODataError(res.text).code === '20';
  if (status === 401 && !rightsDenied) {
    const cyrillic = /[^\x20-\x7e]/.test(user);
    const hint = [
      'Проверьте имя пользователя и пароль: они должны совпадать с пользователем 1С (Администрирование → Пользователи), у которого включена аутентификация 1С:Предприятия.',
      cyrillic ? 'Имя пользователя содержит русские буквы — программа передаёт его в кодировке UTF-8, как требует 1С. Если веб-сервер IIS всё равно отвечает 401, создайте для обмена пользователя с латинским именем.' : '',
      'Рекомендуем отдельного пользователя для обмена с правами на чтение и запись нужных объектов и на проведение документов.',
    ].filter(Boolean).join(' ');
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Сервер 1С отвечает.');
    return r.fail('auth', 'Пользователь и пароль', 'AUTH_FAILED', `1С не приняла пользователя «${user}» или пароль.`, hint);
  }
  if (status === 403 || rightsDenied) {
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Сервер 1С отвечает.');
    return r.fail('auth', 'Права пользователя', 'FORBIDDEN', `Пользователю «${user}» запрещён доступ к стандартному интерфейсу OData.`, 'Выдайте пользователю обмена роль с правами на нужные объекты (или полные права на время проверки) и повторите проверку.');
  }
  if (status === 404) {
    let publicationExists = false;
    try {
      const pub = await transport.request({ method: 'GET', path: '', absoluteUrl: publicationUrl, raw: true, accept: 'any' });
      publicationExists = pub.status < 400 || pub.status === 401;
    } catch {
      publicationExists = false;
    }
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Веб-сервер отвечает.');
    if (publicationExists) return odataNotPublished(r);
    return r.fail('publication', 'Публикация информационной базы', 'WRONG_URL', `На сервере нет публикации по адресу ${decodeURI(publicationUrl)} (ответ 404).`, 'Имя публикации в адресе неверно. Посмотрите его в адресе, по которому 1С открывается в браузере (http://сервер/ИМЯ/ru_RU/), или в Конфигураторе: Администрирование → Публикация на веб-сервере, поле «Имя». Адрес: http://сервер/ИМЯ/odata/standard.odata');
  }
  if (status >= 500) {
    const { message } = parseODataError(res.text);
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Веб-сервер отвечает.');
    const hint = status === 503
      ? 'Сервер 1С временно недоступен: возможно, идёт обновление или перезапуск, либо закончились лицензии. Повторите проверку через несколько минут.'
      : 'Проверьте, что сервер 1С запущен и информационная база доступна (например, откройте её в браузере), нет ли блокировки сеансов и хватает ли лицензий. Подробности — в журнале регистрации 1С.';
    return r.fail('server', 'Сервер 1С', 'SERVER_ERROR', `Сервер 1С вернул ошибку ${status}${message ? `: «${message}»` : ''}.`, hint);
  }
  if (status >= 300 && status < 400) {
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Веб-сервер отвечает.');
    return r.fail('publication', 'Публикация информационной базы', 'WRONG_URL', `Сервер перенаправляет запрос на ${res.headers['location'] ?? 'другой адрес'} (ответ ${status}).`, 'Укажите в настройках конечный адрес публикации (например, с https:// вместо http://) и повторите проверку.');
  }
  if (status >= 400) {
    const e = httpError(res);
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Веб-сервер отвечает.');
    if (status === 400 && !/json/i.test(res.contentType)) return odataNotPublished(r);
    return r.fail('odata', 'Стандартный интерфейс OData', 'UNEXPECTED_RESPONSE', e.message, 'Проверьте адрес публикации и повторите проверку.');
  }
  if (!/json/i.test(res.contentType)) {
    const html = /html/i.test(res.contentType) || /^\s*</.test(res.text);
    r.add('connect', 'ok', 'Связь с сервером 1С', 'Веб-сервер отвечает.');
    if (html && LOGIN_PAGE_RE.test(res.text)) {
      return r.fail('auth', 'Пользователь и пароль', 'AUTH_FAILED', 'Вместо данных OData сервер вернул страницу входа — вход не выполнен.', 'Проверьте имя пользователя и пароль 1С. Если перед 1С стоит прокси или единый вход (SSO), разрешите для адреса …/odata/standard.odata обычную (Basic) аутентификацию.');
    }
    if (html) return odataNotPublished(r);
    return r.fail('odata', 'Стандартный интерфейс OData', 'UNEXPECTED_RESPONSE', `Сервер вернул ответ неожиданного вида (${res.contentType || 'без типа'}).`, 'Проверьте, что адрес ведёт на публикацию 1С и заканчивается на /odata/standard.odata.');
  }
  return null;
}

function odataNotPublished(r: Report): SystemCheck<OnecFound> {
  return r.fail(
    'odata',
    'Стандартный интерфейс OData',
    'ODATA_NOT_PUBLISHED',
    'Публикация информационной базы найдена, но в публикации не включён стандартный интерфейс OData.',
    'В Конфигураторе откройте Администрирование → Публикация на веб-сервере, отметьте флажок «Публиковать стандартный интерфейс OData» и нажмите «Опубликовать» (в default.vrd появится enableStandardOdata="true"). Затем перезапустите веб-сервер и повторите проверку.',
  );
}

function reportFields(r: Report, c: CompositionReport): void {
  const required = c.missingFields.filter((f) => !f.optional);
  const optional = c.missingFields.filter((f) => f.optional);
  if (required.length > 0) {
    r.add('fields', 'error', 'Поля объектов', `Нет полей, без которых обмен не работает: ${describeMissingFields(required)}.`, fieldsHint());
  } else if (c.missingSets.length === 0) {
    r.add('fields', 'ok', 'Поля объектов', 'Все нужные поля на месте.');
  }
  if (optional.length > 0) {
    const losses = describeDegraded(optional);
    const message = `Нет необязательных полей (обмен будет работать без них): ${describeMissingFields(optional)}.${losses.length > 0 ? ` Что при этом не будет работать: ${losses.join('; ')}.` : ''}`;
    r.add('optionalFields', 'warning', 'Дополнительные поля', message, fieldsHint());
  }
  for (const f of c.missingFunctions) {
    r.add(`function:${f.set}`, 'error', 'Виртуальные таблицы', `Для ${f.set} не опубликована функция ${f.name} — цены товаров не прочитать.`, 'Переустановите состав стандартного интерфейса OData, включив регистр целиком, и повторите проверку.');
  }
}

/** The predefined contact-information kinds must exist (they are resolved by PredefinedDataName, ref §2.1). */
async function reportPredefined(r: Report, transport: OnecTransport, model: ODataModel, names: OnecNames): Promise<void> {
  const set = names.contactKinds.set;
  if (!setProperties(model, set)?.has('PredefinedDataName')) return;
  const wanted = [names.contactKinds.personPhone, names.contactKinds.personEmail, names.contactKinds.companyPhone, names.contactKinds.companyEmail];
  try {
    const res = await transport.request({ method: 'GET', path: entityPath(set) + buildQuery({ select: ['Ref_Key', 'PredefinedDataName'], filter: 'Predefined eq true', top: 5000 }) });
    const rows = ((parseJson(res.text) as { value?: { PredefinedDataName?: string }[] }).value ?? []);
    const present = new Set(rows.map((x) => x.PredefinedDataName));
    const missing = wanted.filter((w) => !present.has(w));
    if (missing.length > 0) {
      r.add('contactKinds', 'error', 'Виды контактной информации', `В справочнике «Виды контактной информации» нет предопределённых видов: ${missing.join(', ')} — телефоны и почту не записать.`, 'Если в этой редакции виды называются иначе, укажите их имена в настройках сопоставления 1С (раздел «Имена объектов 1С»).');
    } else {
      r.add('contactKinds', 'ok', 'Виды контактной информации', 'Предопределённые виды для телефона и почты найдены.');
    }
  } catch (err) {
    r.add('contactKinds', 'warning', 'Виды контактной информации', `Не удалось прочитать виды контактной информации: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function reportVersion(r: Report, transport: OnecTransport, model: ODataModel, names: OnecNames): Promise<void> {
  const v = names.versions;
  const props = setProperties(model, v.set);
  const title = 'Версия конфигурации';
  if (!props || !props.has(v.name) || !props.has(v.version)) {
    r.add('version', 'ok', title, 'Версия конфигурации не прочитана: регистр «Версии подсистем» не включён в состав OData. Это не мешает обмену — программа сверяется с фактическим составом объектов и полей, а не с номером версии.', 'Чтобы видеть версию здесь, добавьте РегистрСведений.ВерсииПодсистем в состав стандартного интерфейса OData.');
    return;
  }
  const select = [v.name, v.version, ...(props.has(v.isMain) ? [v.isMain] : [])];
  try {
    const res = await transport.request({ method: 'GET', path: entityPath(v.set) + buildQuery({ select, top: 200 }) });
    const rows = (parseJson(res.text) as { value?: Record<string, unknown>[] }).value ?? [];
    const main = rows.find((x) => x[v.isMain] === true) ?? rows.find((x) => /^Розница/i.test(String(x[v.name]))) ?? null;
    if (!main) {
      r.add('version', 'ok', title, 'Версия конфигурации не определена: в регистре «Версии подсистем» нет записи основной конфигурации. Это не мешает обмену.');
      return;
    }
    const name = String(main[v.name]);
    const version = String(main[v.version]);
    if (r.found) Object.assign(r.found, { configurationName: name, configurationVersion: version });
    const is23 = /^Розница/i.test(name) && /^2\.3\./.test(version);
    r.add('version', is23 ? 'ok' : 'warning', title, `${name} ${version}.`, is23 ? undefined : 'Программа рассчитана на 1С:Розница 2.3. С другой редакцией обмен работает, если проверка состава выше прошла без ошибок; проверьте результат первого обмена.');
  } catch (err) {
    r.add('version', 'ok', title, `Версия конфигурации не прочитана (${err instanceof Error ? err.message : String(err)}). Это не мешает обмену.`);
  }
}
