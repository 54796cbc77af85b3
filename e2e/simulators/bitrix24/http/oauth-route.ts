// Simulated `/oauth/token/` on the portal host (ref §1.2; the real one lives on oauth.bitrix.info):
// grant_type=refresh_token with client_id/client_secret → a new pair; the old refresh token dies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { param, toStr } from '../core/params';
import type { Portal } from '../runtime/portal';
import { parseParams, readBody } from './body';
import { sendJson } from './send';

export async function handleOAuth(portal: Portal, req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
  const params = parseParams(url.search, req.headers['content-type'], await readBody(req));
  const grant = toStr(param(params, 'grant_type'));
  if (grant !== 'refresh_token') {
    sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Only refresh_token is simulated' });
    return;
  }
  if (toStr(param(params, 'client_id')) !== portal.oauth.clientId || toStr(param(params, 'client_secret')) !== portal.oauth.clientSecret) {
    sendJson(res, 401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
    return;
  }
  const pair = portal.oauth.refreshWith(toStr(param(params, 'refresh_token')) ?? '');
  if (!pair) {
    sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid refresh token' });
    return;
  }
  sendJson(res, 200, {
    ...pair,
    scope: portal.config.scopes.join(','),
    domain: new URL(origin).host,
    server_endpoint: 'https://oauth.bitrix.info/rest/',
    status: 'L',
    client_endpoint: `${origin}/rest/`,
    member_id: 'simmember0000000000000000000000001',
    user_id: portal.config.webhookUserId,
  });
}
