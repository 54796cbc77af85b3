// node:http(s) server with routes /rest/… (REST), /oauth/token/ (OAuth), /_sim/… (control). A renamed portal
// (control.renamePortal) gets a new listener; the old one answers /rest/ with 302 + Location (ref §3.3).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SimControl } from '../control/control';
import { errorBody } from '../core/envelope';
import type { Portal } from '../runtime/portal';
import { handleControl } from './control-route';
import { handleOAuth } from './oauth-route';
import { handleRest } from './rest-route';
import { sendJson } from './send';
import type { TlsMaterial } from './tls';

type AnyServer = http.Server | https.Server;

export class SimHttpServer {
  private servers: AnyServer[] = [];
  private primary = 0;
  control!: SimControl;

  constructor(
    private readonly portal: Portal,
    private readonly host: string,
    private readonly tls: TlsMaterial | null,
    private readonly describeText: string,
  ) {}

  get primaryPort(): number {
    return this.primary;
  }

  origin(port = this.primary): string {
    return `${this.tls ? 'https' : 'http'}://${this.host}:${port}`;
  }

  /** Opens a listener and makes it the portal's current address. */
  async listen(port: number): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.route(req, res).catch((e: unknown) => {
        console.error('[b24-sim] request failed:', e);
        if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
        else res.destroy();
      });
    };
    const server: AnyServer = this.tls ? https.createServer({ key: this.tls.key, cert: this.tls.cert }, handler) : http.createServer(handler);
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => resolve());
    });
    this.servers.push(server);
    this.primary = (server.address() as AddressInfo).port;
    return this.primary;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
    this.servers = [];
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin(req.socket.localPort));
    const path = url.pathname;
    if (path === '/_sim' || path.startsWith('/_sim/')) return handleControl(this.control, this.describeText, req, res, url);
    if (path.startsWith('/oauth/token')) return handleOAuth(this.portal, req, res, url, this.origin());
    if (path.startsWith('/rest/')) {
      if (req.socket.localPort !== this.primary) {
        req.resume();
        res.writeHead(302, { Location: `${this.origin()}${req.url ?? '/'}`, 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<html><body>Moved</body></html>');
        return;
      }
      return handleRest(this.portal, req, res, url);
    }
    req.resume();
    sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'Not a REST path' });
  }
}
