/**
 * Builds an ApiClient from a generic `call(channel, args)` mechanically, from the list of methods in the contract
 * (shared/api.ts) — no hand-written list of methods to drift out of date.
 */
import { listMethods, type ApiClient } from '../../../shared/api';
import type { Result } from '../../../shared/result';

export type CallFn = (channel: string, args: unknown[]) => Promise<Result<unknown>>;

type MethodTable = Record<string, Record<string, (...args: unknown[]) => Promise<Result<unknown>>>>;

export function buildClient(call: CallFn, on: ApiClient['on']): ApiClient {
  const services: MethodTable = {};
  for (const { service, method, channel } of listMethods()) {
    const table = (services[service] ??= {});
    table[method] = (...args: unknown[]) => call(channel, trimTrailingUndefined(args));
  }
  for (const table of Object.values(services)) Object.freeze(table);
  // The cast is the one place where the mechanical table meets the static type; listMethods() derives from the
  // same apiSchemas that shared/api.ts checks against the Api interface at compile time.
  return Object.freeze({ ...services, on }) as unknown as ApiClient;
}

/** `check()` and `check(undefined)` mean the same; JSON would turn the latter into `[null]`, which the schema refuses. */
function trimTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
