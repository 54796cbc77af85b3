import type { IncomingHttpHeaders } from 'node:http';
import { errorJson, errorXml, type ODataError } from '../errors';

// Response format negotiation (ref §1.2): JSON with $format=json and/or Accept: application/json,
// verbosity via $format=application/json;odata=nometadata|minimalmetadata|fullmetadata; otherwise Atom.

export interface Format {
  json: boolean;
  metadata: 'none' | 'minimal' | 'full';
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function negotiate(query: ReadonlyMap<string, string>, headers: IncomingHttpHeaders): Format {
  const fmt = (query.get('$format') ?? '').toLowerCase();
  const level = /odata=(nometadata|minimalmetadata|fullmetadata)/.exec(fmt)?.[1];
  const metadata = level === 'nometadata' ? 'none' : level === 'fullmetadata' ? 'full' : 'minimal';
  if (fmt.startsWith('json') || fmt.startsWith('application/json')) return { json: true, metadata };
  if (fmt === 'atom' || fmt === 'xml' || fmt.includes('xml')) return { json: false, metadata };
  const accept = String(headers.accept ?? '').toLowerCase();
  const acceptLevel = /odata=(nometadata|minimalmetadata|fullmetadata)/.exec(accept)?.[1];
  const acceptMeta = acceptLevel === 'nometadata' ? 'none' : acceptLevel === 'fullmetadata' ? 'full' : 'minimal';
  return { json: accept.includes('json'), metadata: acceptMeta };
}

const BASE_HEADERS = { DataServiceVersion: '3.0' };

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'application/json;charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function xmlReply(status: number, body: string, contentType: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...BASE_HEADERS, 'Content-Type': `${contentType};charset=utf-8`, ...headers }, body };
}

export function textReply(status: number, body: string, contentType = 'text/plain'): Reply {
  return { status, headers: { ...BASE_HEADERS, 'Content-Type': `${contentType};charset=utf-8` }, body };
}

export const emptyReply = (status: number): Reply => ({ status, headers: { ...BASE_HEADERS }, body: '' });

export function errorReply(e: ODataError, fmt: Format): Reply {
  return fmt.json
    ? jsonReply(e.status, JSON.parse(errorJson(e)))
    : xmlReply(e.status, errorXml(e), 'application/xml');
}

/** `Location` is sent as raw UTF-8 bytes (ref §1.6 "raw UTF-8 — some HTTP stacks choke"). */
export const rawUtf8Header = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
