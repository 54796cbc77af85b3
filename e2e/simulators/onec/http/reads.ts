import { publishedRow } from '../model/publication';
import type { SetDef } from '../model/schema';
import { parseSelect } from '../query/project';
import { errors } from '../errors';
import { atomFeed, atomServiceDoc } from '../edm/atom';
import type { Json, Row } from '../edm/values';
import { jsonReply, textReply, xmlReply, type Reply } from './format';
import { findByKey } from './keys';
import { entityReply, permitted, readParams, type Call } from './service';
import { parseArgs, splitSegment } from './url';

// GET handlers: service document, collections, $count, single entities, property navigation,
// and the SliceLast/SliceFirst virtual tables (ref §1.2, §1.5, §1.9).

const access = (c: Call) => ({ allowedStores: c.req.principal.allowedStores });

export function serviceDocument(c: Call): Reply {
  const names = c.svc.pub.sets().map((s) => s.name);
  if (!c.fmt.json) return xmlReply(200, atomServiceDoc(c.req.root, names), 'application/atomsvc+xml');
  const meta = c.fmt.metadata === 'none' ? {} : { 'odata.metadata': `${c.req.root}$metadata` };
  return jsonReply(200, { ...meta, value: names.map((n) => ({ name: n, url: n })) });
}

function collectionReply(c: Call, set: SetDef, rows: Row[], count: number | undefined, context = set.name): Reply {
  if (!c.fmt.json) return xmlReply(200, atomFeed(c.req.root, set, rows, count), 'application/atom+xml;type=feed');
  const body: Record<string, Json> = {};
  if (c.fmt.metadata !== 'none') body['odata.metadata'] = `${c.req.root}$metadata#${context}`;
  if (count !== undefined) body['odata.count'] = String(count); // a string, not a number (ref §1.2)
  body.value = rows;
  return jsonReply(200, body);
}

export function collection(c: Call, set: SetDef): Reply {
  const res = c.svc.engine.read(set, readParams(c.req.query), access(c));
  return collectionReply(c, set, res.rows, res.count);
}

/** `…/$count?$filter=…` → plain number (ref §1.5). */
export function count(c: Call, set: SetDef): Reply {
  return textReply(200, String(c.svc.engine.count(set, readParams(c.req.query), access(c))));
}

export function entity(c: Call, set: SetDef, key: Row): Reply {
  const row = findByKey(c.svc.ib, c.svc.engine.views, set, key);
  if (!row) throw errors.notFound();
  if (!permitted(c, set, row)) throw errors.rights(`чтение ${set.name}`);
  // $expand is not applied to single-entity GETs (ref §1.5); $select is.
  const sel = parseSelect(c.req.query.get('$select'), set, c.svc.pub);
  return entityReply(c, set, c.svc.engine.projector.project(row, set, sel, new Set()));
}

/** Dot navigation on one entity: `Document_X(guid'…')/Валюта/Description`, `…/Товары` (ref §1.5). */
export function navigate(c: Call, set: SetDef, key: Row, rest: string[]): Reply {
  let cur = set;
  let row = findByKey(c.svc.ib, c.svc.engine.views, set, key);
  if (!row) throw errors.notFound();
  if (!permitted(c, set, row)) throw errors.rights(`чтение ${set.name}`);
  for (let i = 0; i < rest.length; i++) {
    const seg = rest[i];
    const last = i === rest.length - 1;
    const nav = cur.navMap.get(seg);
    const target = nav ? c.svc.pub.find(nav.target) : undefined;
    if (nav && target) {
      const next = c.svc.ib.resolveRef(target.name, row[nav.keyProp]);
      if (!next) throw errors.notFound();
      cur = target;
      row = next;
      continue;
    }
    const p = cur.propMap.get(seg);
    if (!p || !last) throw errors.segment(seg);
    if (p.kind === 'tabular') {
      const ts = cur.tabulars.get(seg) ?? c.svc.pub.find(p.tabularSet ?? '');
      const stored = Array.isArray(row[seg]) ? (row[seg] as Row[]) : [];
      const rows = ts ? stored.map((r) => publishedRow(ts, r)) : stored;
      return collectionReply(c, ts ?? cur, rows, undefined, p.edm);
    }
    const meta = c.fmt.metadata === 'none' ? {} : { 'odata.metadata': `${c.req.root}$metadata#${p.edm}` };
    return jsonReply(200, { ...meta, value: row[seg] ?? null });
  }
  return entityReply(c, cur, row);
}

/** SliceLast / SliceFirst of a periodic register (ref §1.9); Condition filters before slicing. */
export function slice(c: Call, set: SetDef, segment: string): Reply {
  const { name, args } = splitSegment(segment);
  if (!set.functions.includes(name) || (name !== 'SliceLast' && name !== 'SliceFirst')) {
    throw errors.methodNotFound(name); // live: 400 code 6 «Метод не найден» (P4 probe)
  }
  const a = args ? parseArgs(args) : new Map<string, Json>();
  const period = typeof a.get('Period') === 'string' ? String(a.get('Period')) : undefined;
  const condition = typeof a.get('Condition') === 'string' ? String(a.get('Condition')) : undefined;
  let rows = c.svc.engine.views.rows(set).filter((r) => r.Active !== false);
  if (condition) rows = c.svc.engine.select(set, { filter: condition }, {}, rows);
  const last = name === 'SliceLast';
  if (period) rows = rows.filter((r) => (last ? String(r.Period) <= period : String(r.Period) >= period));
  const dims = set.keys.filter((k) => k !== 'Period');
  const best = new Map<string, Row>();
  for (const r of rows) {
    const k = dims.map((d) => String(r[d])).join('\u0001');
    const cur = best.get(k);
    if (!cur || (last ? String(r.Period) > String(cur.Period) : String(r.Period) < String(cur.Period))) best.set(k, r);
  }
  const res = c.svc.engine.read(set, readParams(c.req.query), access(c), [...best.values()]);
  return collectionReply(c, set, res.rows, res.count);
}
