/** Serves the built renderer (dist/renderer) with a strict CSP; never serves files outside that folder. */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const BASE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The Electron window talks over IPC only: no sockets at all. */
export const CSP = `${BASE_CSP}; connect-src 'self'`;

/**
 * Headless mode: the page may open the event socket of this server only, not any local port. ('self' covers ws: in
 * current browsers; the explicit sources are for older ones. CSP has no syntax for IPv6 literals, so [::1] relies
 * on 'self'.)
 */
export function headlessCsp(port: number): string {
  return `${BASE_CSP}; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`;
}

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-store');
}

const NOT_BUILT = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Интерфейс не собран</title>
<body style="font-family:sans-serif"><h1>Интерфейс не собран</h1><p>Выполните <code>npm run build:renderer</code> и перезапустите <code>npm run cli -- serve</code>.</p></body></html>`;

export function serveStatic(rootDir: string, urlPath: string, res: ServerResponse, csp: string = CSP): void {
  securityHeaders(res);
  res.setHeader('Content-Security-Policy', csp);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]).replace(/^\/+/, '') || 'index.html';
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = path.resolve(rootDir, rel);
  if (!file.startsWith(path.resolve(rootDir) + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  const target = isFile(file) ? file : path.join(rootDir, 'index.html');
  if (!isFile(target)) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  // The file can vanish or turn unreadable between the check and the read (e.g. a rebuild of dist/renderer):
  // an unhandled stream error would kill the server.
  const stream = fs.createReadStream(target);
  stream.once('error', () => {
    if (!res.headersSent) res.writeHead(404).end();
    else res.destroy();
  });
  stream.once('open', () => {
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
    // pipeline closes the file when the client goes away mid-transfer.
    pipeline(stream, res, () => undefined);
  });
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
