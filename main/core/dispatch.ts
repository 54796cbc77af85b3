/**
 * One entry for both transports (IPC and headless HTTP): validate the arguments against the contract's schema,
 * call the service, and turn the outcome into a Result. Nothing but a Result crosses the boundary.
 */
import { apiSchemas, type Api, type ServiceName } from '../../shared/api';
import { fail, ok, type Result } from '../../shared/result';
import { AppError } from './errors';
import type { Logger } from './logger';

export function isKnownMethod(service: string, method: string): service is ServiceName {
  return Object.hasOwn(apiSchemas, service) && Object.hasOwn(apiSchemas[service as ServiceName], method);
}

export async function dispatch(api: Api, service: string, method: string, args: unknown, log: Logger): Promise<Result<unknown>> {
  if (!isKnownMethod(service, method)) return fail('NOT_FOUND', `Неизвестный метод ${service}.${method}.`);
  const schema = (apiSchemas[service] as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }>)[method];
  const parsed = schema.safeParse(Array.isArray(args) ? args : []);
  if (!parsed.success) {
    const where = parsed.error?.issues.map((i) => i.path.join('.') || '(аргументы)').join(', ');
    return fail('VALIDATION', `Неверные данные запроса: ${where}.`);
  }
  const fn = (api[service] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
  try {
    return ok(await fn(...(parsed.data as unknown[])));
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.userMessage);
    log.error(`Внутренняя ошибка в ${service}.${method}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return fail('INTERNAL', 'Внутренняя ошибка программы. Подробности записаны в журнал; сообщите о ней в поддержку.');
  }
}
