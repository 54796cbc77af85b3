/**
 * Headless mode: the core in Node, the renderer in any browser on 127.0.0.1, guarded by a token.
 * API: POST /api/<service>.<method> {"args":[…]} with "Authorization: Bearer <token>" → a Result.
 * Events: WebSocket /api/events, subprotocol "onec-b24.<token>", messages {"event","payload"}.
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/api';
import { fail, type Result } from '../../shared/result';
import { createCore, type Core, type CoreOptions } from '../core';
import { dispatch } from '../core/dispatch';
import { RequestGuard, isLoopbackHost, newToken } from './security';
import { headlessCsp, securityHeaders, serveStatic } from './static';

export interface HeadlessOptions extends Omit<CoreOptions, 'mode' | 'dataDir'> {
  dataDir: string;
  port?: number;
  host?: string;
  /** Fixed token (tests); default: a new random token per start. */
  token?: string;
  rendererDir?: string;
  /** Use an existing core instead of creating one. */
  core?: Core;
}

export interface HeadlessServer {
  url: string;
  token: string;
  openUrl: string;
  port: number;
  core: Core;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
/** The event socket only sends; a client has nothing to say beyond control frames. */
const MAX_WS_PAYLOAD = 4 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_RENDERER_DIR = path.resolve(here, '../../dist/renderer');

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHeadless(options: HeadlessOptions): Promise<HeadlessServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`Режим без графической оболочки слушает только локальный адрес (127.0.0.1), а не ${host}.`);
  }
  const core = options.core ?? createCore({ ...options, mode: 'headless', echoLevel: options.echoLevel ?? null });
  const token = options.token ?? newToken();
  const guard = new RequestGuard(token);
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const log = core.log.child('server');
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error(`Ошибка обработки запроса: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'Внутренняя ошибка сервера. Подробности в журнале.'));
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!guard.hostAllowed(req)) {
      sendJson(res, 421, fail('FORBIDDEN', 'Запрос к неизвестному адресу отклонён.'));
      return;
    }
    const url = req.url ?? '/';
    if (!url.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      serveStatic(rendererDir, url, res, headlessCsp(port));
      return;
    }
    if (!guard.originAllowed(req, false)) {
      sendJson(res, 403, fail('FORBIDDEN', 'Запрос с чужой страницы отклонён.'));
      return;
    }
    if (!guard.bearerValid(req)) {
      sendJson(res, 401, fail('FORBIDDEN', 'Нет доступа: откройте адрес с ключом (#token=…), который напечатала команда запуска.'));
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, fail('VALIDATION', 'Метод API вызывается только запросом POST.'));
      return;
    }
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, fail('VALIDATION', 'Тело запроса должно быть JSON (Content-Type: application/json).'));
      return;
    }
    const name = url.slice('/api/'.length).split('?')[0];
    const dot = name.indexOf('.');
    let args: unknown = [];
    try {
      const body = await readBody(req);
      args = body === '' ? [] : (JSON.parse(body) as { args?: unknown }).args ?? [];
    } catch {
      sendJson(res, 400, fail('VALIDATION', 'Тело запроса не разобрано: ожидается JSON {"args": [...]}.'));
      return;
    }
    const result = dot < 0 ? fail('NOT_FOUND', `Неизвестный метод ${name}.`) : await dispatch(core.api, name.slice(0, dot), name.slice(dot + 1), args, log);
    sendJson(res, 200, result);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WS_PAYLOAD,
    handleProtocols: (protocols) => guard.protocolValid(protocols),
  });
  const sockets = new Set<WebSocket>();
  const offEvents = core.events.onAny((event, payload) => {
    const msg = JSON.stringify({ event, payload });
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(msg);
  }, EVENT_NAMES);

  server.on('upgrade', (req, socket, head) => {
    const protocols = new Set((req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean));
    const pathOk = (req.url ?? '').split('?')[0] === '/api/events';
    if (!pathOk || !guard.hostAllowed(req) || !guard.originAllowed(req, false) || !guard.protocolValid(protocols)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // A malformed or oversized frame makes ws emit 'error'; without a listener that would kill the process.
      ws.on('error', () => {
        sockets.delete(ws);
        ws.terminate();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  guard.setPort(port);
  const hostPart = host === '::1' ? '[::1]' : host;
  const url = `http://${hostPart}:${port}/`;
  log.info(`Режим без графической оболочки запущен: ${url}`);

  return {
    url,
    token,
    openUrl: `${url}#token=${token}`,
    port,
    core,
    close: async () => {
      offEvents();
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!options.core) core.close();
    },
  };
}
