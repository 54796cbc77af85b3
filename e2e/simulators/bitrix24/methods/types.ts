// What a REST method handler receives and returns.
import type { SimClock } from '../core/clock';
import type { MethodOutput } from '../core/envelope';
import type { Params } from '../core/params';
import type { SimConfig } from '../options';
import type { PortalState } from '../state/store';

export interface Ctx {
  state: PortalState;
  config: SimConfig;
  clock: SimClock;
  /** the user the call runs as: the webhook owner, the OAuth user, or a "person" editing in the portal */
  userId: number;
}

export type Handler = (ctx: Ctx, params: Params) => MethodOutput;

export interface MethodDef {
  name: string;
  scope: string;
  handler: Handler;
}

export const def = (name: string, scope: string, handler: Handler): MethodDef => ({ name, scope, handler });

/** Record timestamps have second precision (ref §10 datetime format). */
export function stampNow(ctx: Ctx): number {
  return Math.floor(ctx.clock.nowMs() / 1000) * 1000;
}
