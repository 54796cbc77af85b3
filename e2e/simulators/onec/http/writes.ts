import { withoutHidden } from '../model/publication';
import type { SetDef } from '../model/schema';
import { errors } from '../errors';
import type { Row } from '../edm/values';
import { keyPredicate } from '../edm/atom';
import { emptyReply, rawUtf8Header, type Reply } from './format';
import { findByKey } from './keys';
import { entityReply, type Call } from './service';

// POST / PATCH / PUT / DELETE and the Post/Unpost actions (ref §1.6).

/** The body without hidden fields of the published view `set` (ignored as unknown properties, ref §1.6). */
function parseBody(c: Call, set: SetDef): Record<string, unknown> {
  const body = parseJsonBody(c);
  const full = c.svc.ib.schema.get(set.name);
  return full ? withoutHidden(set, full, body) : body;
}

function parseJsonBody(c: Call): Record<string, unknown> {
  const text = c.req.body.toString('utf8');
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw errors.business('Непредвиденный символ при чтении JSON'); // P8 live probe: 500 code -1
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw errors.internal();
  return v as Record<string, unknown>;
}

const requireWrite = (c: Call, set: SetDef): void => {
  if (!c.req.principal.canWrite) throw errors.rights(`изменение ${set.name}`);
};

export function create(c: Call, set: SetDef): Reply {
  if (set.kind === 'tabular') throw errors.tsDirect(); // ref §1.6: POST to …_Товары → code 13
  if (set.kind === 'recordSet' || set.kind === 'recordType') throw errors.methodForbidden();
  requireWrite(c, set);
  const body = parseBody(c, set);
  if (set.kind === 'register') {
    // Independent register record: full key in the body, answer 200 (P9 live probe).
    const row = c.svc.ib.createRecord(set.name, body);
    return entityReply(c, set, row, 200);
  }
  const row = c.svc.ib.create(set.name, body);
  const location = `${c.req.root}${set.name}(${keyPredicate(set, row)})`;
  return entityReply(c, set, row, 201, { Location: rawUtf8Header(location) });
}

export function update(c: Call, set: SetDef, key: Row): Reply {
  if (set.kind !== 'catalog' && set.kind !== 'document' && set.kind !== 'register') throw errors.methodForbidden();
  requireWrite(c, set);
  const body = parseBody(c, set);
  const mode = c.req.method === 'PUT' ? 'put' : 'patch';
  // If-Match is ignored, like on a live base (ref §1.7): no 412, no ETag.
  const row =
    set.kind === 'register'
      ? c.svc.ib.updateRecord(set.name, key, body)
      : c.svc.ib.update(set.name, String(key.Ref_Key), body, mode);
  return entityReply(c, set, row);
}

export function remove(c: Call, set: SetDef, key: Row): Reply {
  if (set.kind !== 'catalog' && set.kind !== 'document' && set.kind !== 'register') throw errors.methodForbidden();
  requireWrite(c, set);
  if (set.kind === 'register') c.svc.ib.removeRecord(set.name, key);
  else c.svc.ib.remove(set.name, String(key.Ref_Key)); // physical deletion (ref §1.6)
  return emptyReply(204);
}

export function action(c: Call, set: SetDef, key: Row, name: string): Reply {
  if (c.req.method !== 'POST') throw errors.methodForbidden();
  if (set.kind !== 'document' || !set.functions.includes(name)) throw errors.methodNotFound(name);
  if (!findByKey(c.svc.ib, c.svc.engine.views, set, key)) throw errors.notFound();
  if (!c.req.principal.canPost) {
    // Missing posting rights: the usual live answer is HTTP 500 "Error running processor" (ref §1.1).
    throw errors.business('Ошибка при выполнении обработчика (Error running processor): Нарушение прав доступа!');
  }
  const operational = (c.req.query.get('PostingModeOperational') ?? 'false').toLowerCase() === 'true';
  if (name === 'Post') c.svc.ib.post(set.name, String(key.Ref_Key), operational);
  else c.svc.ib.unpost(set.name, String(key.Ref_Key));
  return emptyReply(200);
}
