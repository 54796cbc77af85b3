// /rest/… pipeline: rate limit (one per HTTP request, ref §3.1) → auth → plan access → faults (before) →
// method/batch → faults (after) → response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../core/envelope';
import { RestError, restErrors } from '../core/errors';
import type { ActiveFault } from '../faults/faults';
import { authenticate, parseRestPath } from '../rest/auth';
import { dispatch } from '../rest/dispatch';
import type { Outcome } from '../rest/outcome';
import type { Portal } from '../runtime/portal';
import { parseParams, readBody } from './body';
import { BAD_GATEWAY_HTML, sendHtml, sendJson } from './send';

function sendOutcome(res: ServerResponse, o: Outcome): void {
  if (o.kind === 'html') sendHtml(res, o.status, o.html);
  else sendJson(res, o.status, o.body);
}

/** true = the fault took over the response */
function applyFault(f: ActiveFault, req: IncomingMessage, res: ServerResponse): boolean {
  switch (f.kind) {
    case 'http500':
      sendJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
      return true;
    case 'http503':
      sendJson(res, 503, errorBody('QUERY_LIMIT_EXCEEDED', 'Too many requests'));
      return true;
    case 'error':
      sendJson(res, f.status ?? 500, errorBody(f.code ?? 'INTERNAL_SERVER_ERROR', f.description ?? ''));
      return true;
    case 'html':
      sendHtml(res, f.status ?? 502, BAD_GATEWAY_HTML);
      return true;
    case 'reset':
    case 'lostResponse':
      req.socket.destroy();
      return true;
    case 'hang':
      if (f.hangMs !== undefined) setTimeout(() => req.socket.destroy(), f.hangMs).unref();
      return true;
  }
}

export async function handleRest(portal: Portal, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const startMs = portal.clock.nowMs();
  const body = await readBody(req);
  const target = parseRestPath(url.pathname);
  if (!target || target.method === '') {
    sendJson(res, 404, errorBody('ERROR_METHOD_NOT_FOUND', 'Method not found!'));
    return;
  }
  const params = parseParams(url.search, req.headers['content-type'], body);
  portal.stats.received(target.method.toLowerCase());
  try {
    if (!portal.bucket.tryTake()) throw restErrors.queryLimit();
    const identity = authenticate(portal, target, params);
    delete params.auth;
    if (!portal.config.restAvailable) throw restErrors.commercialOnly();
    const before = portal.faults.pick(target.method, 'before');
    if (before && applyFault(before, req, res)) return;
    const outcome = dispatch(portal, identity, target.method, params, startMs);
    const after = portal.faults.pick(target.method, 'after');
    if (after && applyFault(after, req, res)) return;
    sendOutcome(res, outcome);
  } catch (e) {
    if (!(e instanceof RestError)) throw e;
    sendJson(res, e.status, errorBody(e.code, e.description));
  }
}
