import type { SetDef } from '../model/schema';
import { errors, ODataError } from '../errors';
import { errorReply, negotiate, xmlReply, type Reply } from './format';
import { parseKey } from './keys';
import { collection, count, entity, navigate, serviceDocument, slice } from './reads';
import type { Call, ODataRequest, ODataService } from './service';
import { splitPath, splitSegment } from './url';
import { action, create, remove, update } from './writes';

// Router of `…/odata/standard.odata/…`. Synchronous on purpose: the caller measures engine CPU
// time around this call (control API, benchmark).

export interface Routed {
  reply: Reply;
  /** Entity set (or '$metadata', '(root)') for per-set statistics. */
  target: string;
}

const WRITE_METHODS = new Set(['PATCH', 'MERGE', 'PUT']);

function onCollection(c: Call, set: SetDef, rest: string[]): Reply {
  const m = c.req.method;
  if (rest.length === 0) {
    if (m === 'GET') return collection(c, set);
    if (m === 'POST') return create(c, set);
    throw errors.methodForbidden();
  }
  if (rest.length === 1 && rest[0] === '$count') {
    if (m !== 'GET') throw errors.methodForbidden();
    return count(c, set);
  }
  if (rest.length === 1) {
    if (m !== 'GET') throw errors.methodForbidden();
    return slice(c, set, rest[0]);
  }
  throw errors.segment(rest[1] ?? rest[0]);
}

function onEntity(c: Call, set: SetDef, args: string, rest: string[]): Reply {
  const key = parseKey(set, args);
  const m = c.req.method;
  if (rest.length === 0) {
    if (m === 'GET') return entity(c, set, key);
    if (WRITE_METHODS.has(m)) return update(c, set, key);
    if (m === 'DELETE') return remove(c, set, key);
    throw errors.methodForbidden();
  }
  const first = splitSegment(rest[0]).name;
  if (rest.length === 1 && (first === 'Post' || first === 'Unpost')) return action(c, set, key, first);
  if (m !== 'GET') throw errors.methodForbidden();
  return navigate(c, set, key, rest);
}

function route(c: Call): Routed {
  const segs = splitPath(c.req.path);
  if (segs.length === 0) {
    if (c.req.method !== 'GET') throw errors.methodForbidden();
    return { reply: serviceDocument(c), target: '(root)' };
  }
  if (segs[0] === '$metadata') {
    // CSDL is XML only (ref §1.2), whatever $format says.
    return { reply: xmlReply(200, c.svc.metadata(), 'application/xml'), target: '$metadata' };
  }
  const { name, args } = splitSegment(segs[0]);
  const set = c.svc.pub.find(name);
  // Unpublished and unknown sets answer the same: 404 with the name echoed (P7 live probe).
  if (!set) throw errors.segment(name, 404);
  if (!c.req.principal.canRead) throw errors.rights(`чтение ${set.name}`);
  const reply = args === undefined ? onCollection(c, set, segs.slice(1)) : onEntity(c, set, args, segs.slice(1));
  return { reply, target: set.name };
}

/** Target name for statistics even when routing fails. */
export function targetOf(path: string): string {
  const first = splitPath(path)[0];
  return first === undefined ? '(root)' : splitSegment(first).name;
}

export function handleOData(svc: ODataService, req: ODataRequest): Routed {
  const fmt = negotiate(req.query, req.headers);
  const c: Call = { svc, req, fmt };
  try {
    return route(c);
  } catch (e) {
    if (e instanceof ODataError) return { reply: errorReply(e, fmt), target: targetOf(req.path) };
    throw e;
  }
}
