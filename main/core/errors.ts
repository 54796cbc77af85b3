/** Errors inside main: a code for the boundary, a Russian message for people, and the cause for logs. */
import type { ApiErrorCode } from '../../shared/result';

export class AppError extends Error {
  readonly code: ApiErrorCode;
  /** Russian, says what to do; never contains secrets. */
  readonly userMessage: string;

  constructor(code: ApiErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export function notAvailable(what: string): AppError {
  return new AppError('NOT_AVAILABLE', `${what} пока не реализовано в этой версии программы. Следите за обновлениями.`);
}
