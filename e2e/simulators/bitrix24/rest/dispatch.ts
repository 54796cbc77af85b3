// Runs an authenticated REST call (single method or batch) and builds the response (ref §2, §3.2, §3.3).
import { successBody, timeInfo } from '../core/envelope';
import { RestError, restErrors } from '../core/errors';
import type { Params } from '../core/params';
import { BATCH_METHOD } from '../methods/registry';
import { REQUEST_TIME_CAP_SEC } from '../options';
import type { Portal } from '../runtime/portal';
import { runBatch } from './batch';
import { invoke, isBlocked, resolveMethod, type Identity } from './invoke';
import { errorOutcome, gatewayTimeout, type Outcome } from './outcome';

export function dispatch(portal: Portal, identity: Identity, method: string, params: Params, startMs: number): Outcome {
  try {
    const def = resolveMethod(portal, method);
    if (def.name === BATCH_METHOD) return runBatch(portal, identity, params, startMs);
    if (isBlocked(portal, identity, def.name)) throw restErrors.operationTimeLimit();
    const inv = invoke(portal, identity, def, params);
    portal.meter.charge(identity.credential, def.name, inv.cost);
    if (inv.cost > REQUEST_TIME_CAP_SEC) return gatewayTimeout();
    if (inv.error || !inv.output) return errorOutcome(inv.error ?? restErrors.internal());
    const st = portal.meter.status(identity.credential, def.name);
    const time = timeInfo({ startMs, processing: inv.cost, operating: st.operating, operatingResetAtMs: st.resetAtMs, offset: portal.config.timezone });
    return { kind: 'json', status: 200, body: successBody(inv.output, time) };
  } catch (e) {
    if (e instanceof RestError) return errorOutcome(e);
    throw e;
  }
}
