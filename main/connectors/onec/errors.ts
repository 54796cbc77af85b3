/**
 * Error classes of the 1С connector: every error has a stable `code`, the HTTP status and the 1С OData
 * error code when there was one (ref §1.8), the original `cause`, and a Russian `message` that says what to do.
 */

export type OnecErrorCode =
  | 'NETWORK' // host unreachable, connection reset
  | 'TIMEOUT'
  | 'AUTH' // 401
  | 'FORBIDDEN' // 403 or OData code 20 (access rights)
  | 'NOT_FOUND' // 404 / OData code 9
  | 'BAD_REQUEST' // 400: query or body rejected (codes 1, 2, 4, 6, 10, 14 …)
  | 'BUSINESS' // 500 code -1: the configuration's own code refused (handlers, posting)
  | 'SERVER' // other 5xx
  | 'UNAVAILABLE' // 503
  | 'NOT_ODATA' // an HTML page or something else instead of OData JSON
  | 'CONCURRENCY' // the object changed in 1С after the engine last saw it
  | 'WRITE_MISMATCH' // written, but 1С stored something else (truncation, ignored value)
  | 'POSTING_FAILED' // saved, but Post refused
  | 'READ_ONLY' // the entity is never written by the exchange
  | 'MAPPING' // a 1С value has no canonical counterpart (or vice versa)
  | 'COMPOSITION' // an entity set or field the mapping needs is not published
  | 'CONFIG'; // options missing or wrong

export interface OnecErrorDetails {
  httpStatus?: number;
  /** 1С OData internal code as sent ("9", "-1", …), ref §1.8. */
  odataCode?: string;
  /** 1С's own message text (Russian), when it sent one. */
  serverMessage?: string;
  /** Node/axios network error code (ECONNREFUSED, ENOTFOUND, …) for NETWORK/TIMEOUT. */
  networkCode?: string;
  cause?: unknown;
}

export class OnecError extends Error {
  readonly code: OnecErrorCode;
  readonly httpStatus?: number;
  readonly odataCode?: string;
  readonly serverMessage?: string;
  readonly networkCode?: string;

  constructor(code: OnecErrorCode, message: string, details: OnecErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = details.httpStatus;
    this.odataCode = details.odataCode;
    this.serverMessage = details.serverMessage;
    this.networkCode = details.networkCode;
  }
}

/** The object changed in 1С between the engine's read and this write: nothing was written. */
export class OnecConcurrencyError extends OnecError {
  constructor(
    readonly entitySet: string,
    readonly id: string,
    readonly expectedVersion: string,
    readonly actualVersion: string,
  ) {
    super(
      'CONCURRENCY',
      `Объект ${entitySet} (${id}) изменён в 1С после последнего чтения — запись не выполнена, чтобы не затереть чужие изменения. Обмен перечитает объект и повторит сравнение при следующем запуске.`,
    );
  }
}

/** The write reached 1С (the object exists) but did not complete as asked. Carries what 1С holds now. */
export class OnecPartialWriteError<R = unknown> extends OnecError {
  constructor(
    code: 'WRITE_MISMATCH' | 'POSTING_FAILED',
    message: string,
    readonly id: string,
    readonly record: R,
    details: OnecErrorDetails = {},
  ) {
    super(code, message, details);
  }
}

export interface FieldMismatch {
  field: string;
  sent: unknown;
  stored: unknown;
}

export class OnecWriteMismatchError<R = unknown> extends OnecPartialWriteError<R> {
  constructor(entitySet: string, id: string, record: R, readonly mismatches: FieldMismatch[]) {
    const list = mismatches.map((m) => `«${m.field}»${describeMismatch(m)}`).join(', ');
    super(
      'WRITE_MISMATCH',
      `1С сохранила объект ${entitySet} (${id}) не так, как его отправили: ${list}. Сократите или исправьте значение в Битрикс24 (или в 1С) и повторите обмен.`,
      id,
      record,
    );
  }
}

function describeMismatch(m: FieldMismatch): string {
  if (typeof m.sent === 'string' && typeof m.stored === 'string' && m.sent.startsWith(m.stored) && m.stored.length < m.sent.length) {
    return ` обрезано до ${m.stored.length} символов`;
  }
  return ` отправлено ${JSON.stringify(m.sent)}, сохранено ${JSON.stringify(m.stored)}`;
}

export class OnecPostingError<R = unknown> extends OnecPartialWriteError<R> {
  constructor(documentLabel: string, id: string, record: R, cause: OnecError) {
    super(
      'POSTING_FAILED',
      `${documentLabel} записан в 1С, но не проведён: ${cause.serverMessage ?? cause.message}. Откройте документ в 1С, исправьте причину и проведите его; проверьте также, что у пользователя обмена есть право проведения.`,
      id,
      record,
      { httpStatus: cause.httpStatus, odataCode: cause.odataCode, serverMessage: cause.serverMessage, cause },
    );
  }
}

export class OnecReadOnlyError extends OnecError {
  constructor(what: string) {
    super('READ_ONLY', `${what} обмен только читает из 1С и никогда не записывает. Измените направление в настройках сопоставления.`);
  }
}

export class OnecMappingError extends OnecError {
  constructor(message: string, cause?: unknown) {
    super('MAPPING', message, { cause });
  }
}

export class OnecConfigError extends OnecError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}
