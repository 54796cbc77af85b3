// Request parameters from the query string and the body (JSON or form-encoded with nested keys, ref §1.1,
// §3.4); body values win over query values.
import type { IncomingMessage } from 'node:http';
import { isRecord, type Params } from '../core/params';
import { parseQueryString } from '../core/query-string';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function parseParams(search: string, contentType: string | undefined, body: string): Params {
  const query = parseQueryString(search);
  if (body.trim() === '') return query;
  let fromBody: Params = {};
  if ((contentType ?? '').includes('application/json') || /^\s*[{[]/.test(body)) {
    try {
      const parsed: unknown = JSON.parse(body);
      fromBody = isRecord(parsed) ? parsed : {};
    } catch {
      fromBody = {}; // PHP would simply see no parameters
    }
  } else {
    fromBody = parseQueryString(body);
  }
  return { ...query, ...fromBody };
}
