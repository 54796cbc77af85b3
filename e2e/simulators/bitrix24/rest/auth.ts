// Who is calling: an incoming webhook `/rest/<userId>/<secret>/<method>` (ref §1.1) or an OAuth call
// `/rest/<method>?auth=<token>` (ref §1.2). Wrong/revoked webhook → 401 NO_AUTH_FOUND; expired token →
// 401 expired_token; unknown token → 401 invalid_token.
import { restErrors } from '../core/errors';
import { param, toStr, type Params } from '../core/params';
import type { Portal } from '../runtime/portal';
import type { Identity } from './invoke';

export type RestTarget =
  | { mode: 'hook'; userId: number; secret: string; method: string }
  | { mode: 'oauth'; method: string };

export function parseRestPath(pathname: string): RestTarget | null {
  if (!pathname.startsWith('/rest/')) return null;
  const parts = pathname.slice('/rest/'.length).split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const strip = (m: string): string => m.replace(/\.(json|xml)$/i, '');
  if (parts.length === 3 && /^\d+$/.test(parts[0])) return { mode: 'hook', userId: Number(parts[0]), secret: parts[1], method: strip(parts[2]) };
  if (parts.length === 1) return { mode: 'oauth', method: strip(parts[0]) };
  return null;
}

export function authenticate(portal: Portal, target: RestTarget, params: Params): Identity {
  const cfg = portal.config;
  if (target.mode === 'hook') {
    if (cfg.webhookRevoked || target.userId !== cfg.webhookUserId || target.secret !== cfg.webhookSecret) throw restErrors.noAuth();
    return { credential: `hook:${target.userId}`, userId: target.userId };
  }
  const token = toStr(param(params, 'auth'));
  if (!token) throw restErrors.noAuth();
  const found = portal.oauth.lookup(token);
  if (found === 'expired') throw restErrors.expiredToken();
  if (found === 'invalid') throw restErrors.invalidToken();
  return { credential: `app:${portal.oauth.clientId}`, userId: found.userId };
}
