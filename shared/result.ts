/** Results, not exceptions, across the UI ⇄ core boundary (ARCHITECTURE.md, convention 4). */

export type ApiErrorCode =
  | 'VALIDATION'      // arguments did not pass the schema
  | 'NOT_AVAILABLE'   // the feature is not built yet in this version
  | 'CONFIG'          // settings missing or wrong
  | 'CONNECTION'      // a system could not be reached
  | 'AUTH'            // credentials refused
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'       // transport-level refusal (token, origin)
  | 'INTERNAL';

export interface ApiError {
  code: ApiErrorCode;
  /** Russian, says what happened and what to do. Never contains secrets. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ApiErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
