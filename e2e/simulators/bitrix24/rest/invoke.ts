// One method execution: scope check, operating-limit check, handler, cost accounting.
import { RestError, restErrors } from '../core/errors';
import type { MethodOutput } from '../core/envelope';
import type { Params } from '../core/params';
import { scopeAllowed } from '../methods/scopes';
import type { MethodDef } from '../methods/types';
import { costOf } from '../options';
import type { Portal } from '../runtime/portal';

export interface Identity {
  /** operating-limit key: the webhook or the OAuth app (ref §3.2 "per app/webhook") */
  credential: string;
  userId: number;
}

export interface Invocation {
  output?: MethodOutput;
  error?: RestError;
  /** simulated server seconds spent */
  cost: number;
}

/** Checks that do not execute anything: method exists, scope granted. */
export function resolveMethod(portal: Portal, method: string): MethodDef {
  const def = portal.registry.get(method);
  if (!def) throw restErrors.methodNotFound();
  if (!scopeAllowed(def.scope, portal.config.scopes)) throw restErrors.insufficientScope();
  return def;
}

export function isBlocked(portal: Portal, identity: Identity, method: string): boolean {
  return portal.meter.isBlocked(identity.credential, method, portal.config.operatingLimitSec);
}

export function invoke(portal: Portal, identity: Identity, def: MethodDef, params: Params): Invocation {
  portal.stats.ran(def.name);
  const cost = costOf(portal.config.costPerCallSec, def.name);
  try {
    return { output: def.handler(portal.ctx(identity.userId), params), cost };
  } catch (e) {
    if (e instanceof RestError) return { error: e, cost };
    console.error(`[b24-sim] ${def.name} crashed:`, e);
    return { error: restErrors.internal(), cost };
  }
}
