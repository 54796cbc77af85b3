// OData errors in the shape 1С answers them (ref §1.8):
// {"odata.error":{"code":"9","message":{"lang":"ru","value":"…"}}}; business/internal errors are HTTP 500 code "-1".

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ODataError';
  }
}

export const errors = {
  /** Code 1: a literal or body value cannot be parsed as the Edm type (ref §1.6, live text). */
  parse: (value: string, edm: string) =>
    new ODataError(400, '1', `Не удалось разобрать строку '${value}' как значение типа ${edm}!`),
  badRequest: (msg: string) => new ODataError(400, '2', `Неверный формат запроса. ${msg}`),
  badValue: (msg: string) => new ODataError(400, '4', `Неверное значение свойства. ${msg}`),
  missingValue: (prop: string) => new ODataError(400, '5', `Отсутствует обязательное значение свойства ${prop}`),
  /** Code 6: unknown path segment — the text repeats the input (ref §1.5, P4/P7 live probes). */
  segment: (name: string, status = 400) => new ODataError(status, '6', `Сегмент пути ${name} не найден!`),
  methodNotFound: (name: string) => new ODataError(400, '6', `Метод не найден: ${name}`),
  keyPart: (name: string) => new ODataError(400, '7', `Не хватает элемента ключа сущности: ${name}`),
  notFound: () => new ODataError(404, '9', 'Экземпляр сущности не найден'),
  tsDirect: () => new ODataError(400, '13', 'Создание строк табличных частей напрямую не поддерживается'),
  queryOption: (option: string, detail?: string) =>
    new ODataError(400, '14', `Ошибка при разборе опции запроса ${option}${detail ? `: ${detail}` : ''}`),
  keyExists: () => new ODataError(400, '15', 'Запись с такими значениями ключевых полей уже существует'),
  methodForbidden: () => new ODataError(400, '19', 'Использованный HTTP-метод запрещен в данном контексте'),
  /** Rights failures come as HTTP 401 with code 20 (ref §1.5 allowedOnly, §1.8 client mapping). */
  rights: (what: string) => new ODataError(401, '20', `Недостаточно прав для выполнения операции: ${what}`),
  internal: (detail = '') =>
    new ODataError(500, '-1', `Произошла внутренняя ошибка OData сервиса.${detail ? ` ${detail}` : ''}`),
  business: (msg: string) => new ODataError(500, '-1', msg),
};

export function errorJson(e: ODataError): string {
  return JSON.stringify({ 'odata.error': { code: e.code, message: { lang: 'ru', value: e.message } } });
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function errorXml(e: ODataError): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<m:error xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">' +
    `<m:code>${e.code}</m:code><m:message xml:lang="ru">${xmlEscape(e.message)}</m:message></m:error>`
  );
}
