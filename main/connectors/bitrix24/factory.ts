/** Builds a ready client from the connection settings (webhook or OAuth local app). */
import axios, { type AxiosInstance } from 'axios';
import { OAuthAuth, WebhookAuth, type AuthStrategy } from './auth';
import { Bitrix24Client, type Bitrix24ClientOptions } from './client';
import type { Clock } from './clock';
import { Bitrix24Error } from './errors';
import type { OAuthTokens } from './oauth';
import { Transport } from './transport';
import { parsePortalUrl, parseWebhookUrl } from './webhook-url';

export const USER_AGENT = 'onec-b24-exchange/0.1 (1C-Roznica <-> Bitrix24)';

export interface Bitrix24ConnectionConfig {
  authMode: 'webhook' | 'oauth';
  webhookUrl?: string;
  portalUrl?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  accessToken?: string;
  /** Default https://oauth.bitrix.info */
  oauthServerUrl?: string;
}

export interface Bitrix24ClientDeps extends Omit<Bitrix24ClientOptions, 'auth' | 'transport'> {
  http?: AxiosInstance;
  clock?: Clock;
  /** Per HTTP request; a request must finish within 60 s on the portal side (ref §3.3). */
  timeoutMs?: number;
  userAgent?: string;
  onTokens?: (t: OAuthTokens) => void | Promise<void>;
}

export function createTransport(deps: Pick<Bitrix24ClientDeps, 'http' | 'timeoutMs' | 'userAgent'> = {}): Transport {
  return new Transport({ http: deps.http ?? axios.create(), timeoutMs: deps.timeoutMs ?? 75_000, userAgent: deps.userAgent ?? USER_AGENT });
}

export function createAuth(config: Bitrix24ConnectionConfig, transport: Transport, onTokens?: Bitrix24ClientDeps['onTokens']): AuthStrategy {
  if (config.authMode === 'webhook') {
    const parsed = parseWebhookUrl(config.webhookUrl ?? '');
    if (!parsed.ok) throw invalidConfig(`Адрес вебхука указан неверно: ${parsed.detail}. Скопируйте его из Битрикс24 целиком, вида https://<портал>/rest/<id>/<ключ>/.`);
    return new WebhookAuth(parsed.value);
  }
  const portal = parsePortalUrl(config.portalUrl ?? '');
  if (!portal.ok) throw invalidConfig(`Адрес портала указан неверно: ${portal.detail}.`);
  if (!config.clientId || !config.clientSecret || !config.refreshToken) {
    throw invalidConfig('Для подключения через приложение укажите код приложения (client_id), его ключ (client_secret) и разрешите доступ, чтобы программа получила ключ обновления.');
  }
  return new OAuthAuth({
    portalUrl: portal.portalUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    refreshToken: config.refreshToken,
    accessToken: config.accessToken,
    oauthServerUrl: config.oauthServerUrl,
    onTokens,
  }, transport);
}

export function createBitrix24Client(config: Bitrix24ConnectionConfig, deps: Bitrix24ClientDeps = {}): Bitrix24Client {
  const transport = createTransport(deps);
  const auth = createAuth(config, transport, deps.onTokens);
  return new Bitrix24Client({ ...deps, auth, transport });
}

function invalidConfig(userMessage: string): Bitrix24Error {
  return new Bitrix24Error({ code: 'INVALID_URL', message: 'invalid Bitrix24 connection settings', userMessage });
}
