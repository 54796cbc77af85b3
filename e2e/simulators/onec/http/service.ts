import type { IncomingHttpHeaders } from 'node:http';
import { publishedRow, type Publication } from '../model/publication';
import type { SetDef } from '../model/schema';
import type { QueryEngine, ReadParams } from '../query/execute';
import type { Infobase } from '../store/infobase';
import { atomEntry } from '../edm/atom';
import type { Row } from '../edm/values';
import type { Principal } from './auth';
import { jsonReply, xmlReply, type Format, type Reply } from './format';

// Shared types of the OData request handlers.

export interface ODataService {
  ib: Infobase;
  pub: Publication;
  engine: QueryEngine;
  metadata(): string;
}

export interface ODataRequest {
  method: string;
  /** Decoded resource path after `…/odata/standard.odata/`. */
  path: string;
  query: Map<string, string>;
  body: Buffer;
  headers: IncomingHttpHeaders;
  principal: Principal;
  /** Absolute service root ending with '/'. */
  root: string;
}

export interface Call {
  svc: ODataService;
  req: ODataRequest;
  fmt: Format;
}

export function readParams(q: ReadonlyMap<string, string>): ReadParams {
  return {
    filter: q.get('$filter'),
    orderby: q.get('$orderby'),
    top: q.get('$top'),
    skip: q.get('$skip'),
    inlinecount: q.get('$inlinecount'),
    select: q.get('$select'),
    expand: q.get('$expand'),
    allowedOnly: q.get('allowedOnly') === 'true',
  };
}

/** Single entity as JSON (`…$metadata#Set/@Element`) or Atom entry. */
export function entityReply(c: Call, set: SetDef, stored: Row, status = 200, headers: Record<string, string> = {}): Reply {
  const row = publishedRow(set, stored);
  if (!c.fmt.json) return xmlReply(status, atomEntry(c.req.root, set, row), 'application/atom+xml;type=entry', headers);
  const meta = c.fmt.metadata === 'none' ? {} : { 'odata.metadata': `${c.req.root}$metadata#${set.name}/@Element` };
  return jsonReply(status, { ...meta, ...row }, headers);
}

/** RLS on a single row: another store's row → HTTP 401 code 20 (ref §1.5). */
export function permitted(c: Call, set: SetDef, row: Row): boolean {
  const stores = c.req.principal.allowedStores;
  return !stores || !set.propMap.has('Магазин_Key') || stores.has(String(row.Магазин_Key));
}
