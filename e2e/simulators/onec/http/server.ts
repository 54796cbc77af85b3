import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { OnecControl } from '../control/control';
import type { FaultSpec } from '../control/faults';
import { errors } from '../errors';
import type { SimState } from '../state';
import { authenticate, LOGIN_PAGE_HTML } from './auth';
import { handleControl } from './control-http';
import { errorReply, negotiate, type Reply } from './format';
import { handleOData, targetOf } from './odata';
import { decode, parseQuery } from './url';

// node:http front: publication prefix, slow first request after idle (ref §1.2), fault injection,
// Basic auth (with the optional "HTML page with HTTP 200" failure mode), CPU accounting, statistics.

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const html = (status: number, text: string): Reply => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  body: text,
});

const IIS_404 = html(404, '<!DOCTYPE html><html><head><title>404 - Файл или каталог не найден.</title></head><body><h2>404 - Файл или каталог не найден.</h2></body></html>');
const IIS_503 = html(503, '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>');
const HTML_200 = html(200, LOGIN_PAGE_HTML);

export interface ServerHandle {
  server: Server;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): number {
  const buf = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(buf.length) });
  res.end(buf);
  return buf.length;
}

export function createSimServer(state: SimState, control: OnecControl, base: string): ServerHandle {
  const prefix = `/${base}/odata/standard.odata`;
  const sockets = new Set<Socket>();
  let lastActivity = 0;

  async function onOData(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, body: Buffer) {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = targetOf(path);
    const started = Date.now();
    const s = state.settings;
    if (s.slowFirstRequestMs > 0 && started - lastActivity > s.idleMs) await sleep(s.slowFirstRequestMs);
    lastActivity = Date.now();

    const record = (status: number, bytesOut: number, cpuMicros = 0, wallMs = 0, user?: string, fault?: FaultSpec) =>
      state.stats.record({
        at: started,
        method,
        path: req.url ?? '',
        target,
        status,
        bytesIn: body.length,
        bytesOut,
        cpuMicros,
        wallMs,
        user,
        fault: fault?.kind,
      });

    const fault = state.faults.pick(method, target);
    if (fault) {
      if (fault.kind === 'delay') await sleep(fault.delayMs ?? 1000);
      else {
        if (fault.kind === 'timeout') return record(0, 0, 0, 0, undefined, fault); // never answers
        if (fault.kind === 'reset') {
          req.socket.destroy();
          return record(0, 0, 0, 0, undefined, fault);
        }
        const reply =
          fault.kind === '503'
            ? IIS_503
            : fault.kind === 'html'
              ? HTML_200
              : errorReply(errors.internal(), { json: true, metadata: 'minimal' });
        return record(reply.status, send(res, reply), 0, 0, undefined, fault);
      }
    }

    const principal = authenticate(req.headers.authorization, s.users);
    if (!principal) {
      const reply =
        s.authFailureMode === 'html200'
          ? HTML_200
          : { ...html(401, '<html><body><h1>401 - Unauthorized</h1></body></html>'), headers: { 'Content-Type': 'text/html; charset=utf-8', 'WWW-Authenticate': 'Basic realm=""' } };
      return record(reply.status, send(res, reply), 0, 0, undefined);
    }

    const host = req.headers.host ?? '127.0.0.1';
    const query = (() => {
      try {
        return parseQuery(rawQuery);
      } catch {
        return undefined;
      }
    })();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let reply: Reply;
    let stTarget = target;
    if (!query) {
      reply = errorReply(errors.badRequest('Неверная кодировка URL'), negotiate(new Map(), req.headers));
    } else {
      try {
        const routed = handleOData(state, {
          method,
          path,
          query,
          body,
          headers: req.headers,
          principal,
          root: `http://${host}${prefix}/`,
        });
        reply = routed.reply;
        stTarget = routed.target;
      } catch (e) {
        console.error('[onec-sim] internal error', e);
        reply = errorReply(errors.internal(e instanceof Error ? e.message : String(e)), negotiate(query, req.headers));
      }
    }
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    const bytes = send(res, reply);
    state.stats.record({
      at: started,
      method,
      path: req.url ?? '',
      target: stTarget,
      status: reply.status,
      bytesIn: body.length,
      bytesOut: bytes,
      cpuMicros: cpu.user + cpu.system,
      wallMs,
      user: principal.name,
    });
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    readBody(req)
      .then(async (body) => {
        if (rawPath === '/_sim' || rawPath.startsWith('/_sim/')) {
          send(res, handleControl(control, (req.method ?? 'GET').toUpperCase(), rawPath, body));
          return;
        }
        // A literal '+' in the URL path (keys, function arguments) is refused by the web server on a live
        // publication (IIS double-escaping filter): 404 before 1С sees the request (ref §1.11).
        if (rawPath.includes('+')) {
          send(res, IIS_404);
          return;
        }
        let path: string;
        try {
          path = decode(rawPath);
        } catch {
          send(res, IIS_404);
          return;
        }
        if (path !== prefix && !path.startsWith(`${prefix}/`)) {
          send(res, IIS_404);
          return;
        }
        await onOData(req, res, path.slice(prefix.length + 1), rawQuery, body);
      })
      .catch((e: unknown) => {
        console.error('[onec-sim] request failed', e);
        if (!res.headersSent) send(res, html(500, 'Internal Server Error'));
      });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
