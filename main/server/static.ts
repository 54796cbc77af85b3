/** Serves the built renderer (dist/renderer) with a strict CSP; never serves files outside that folder. */
import fs from 'node:fs';
import path from 'node:path';
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

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-store');
}

const NOT_BUILT = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Интерфейс не собран</title>
<body style="font-family:sans-serif"><h1>Интерфейс не собран</h1><p>Выполните <code>npm run build:renderer</code> и перезапустите <code>npm run cli -- serve</code>.</p></body></html>`;

export function serveStatic(rootDir: string, urlPath: string, res: ServerResponse): void {
  securityHeaders(res);
  res.setHeader('Content-Security-Policy', CSP);
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
  const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(rootDir, 'index.html');
  if (!fs.existsSync(target)) {
    res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
  fs.createReadStream(target).pipe(res);
}
