/**
 * Headless mode guards: loopback only, a random token on every request and on the event socket, and the
 * Host/Origin headers checked (no DNS rebinding, no cross-site calls from other pages in the same browser).
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_PROTOCOL_PREFIX = 'onec-b24.';

export function newToken(): string {
  return crypto.randomBytes(32).toString('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

export class RequestGuard {
  private allowedHosts: Set<string> = new Set();
  private allowedOrigins: Set<string> = new Set();

  constructor(private readonly token: string) {}

  /** Called once the port is known. */
  setPort(port: number): void {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    this.allowedHosts = new Set(hosts);
    this.allowedOrigins = new Set(hosts.map((h) => `http://${h}`));
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts.has((req.headers.host ?? '').toLowerCase());
  }

  /** A browser always sends Origin on cross-origin requests and on WebSockets; when present it must be ours. */
  originAllowed(req: IncomingMessage, required: boolean): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return !required;
    return this.allowedOrigins.has(origin.toLowerCase());
  }

  bearerValid(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m !== null && tokensEqual(m[1], this.token);
  }

  protocolValid(protocols: Set<string>): string | false {
    for (const p of protocols) {
      if (p.startsWith(TOKEN_PROTOCOL_PREFIX) && tokensEqual(p.slice(TOKEN_PROTOCOL_PREFIX.length), this.token)) return p;
    }
    return false;
  }
}
