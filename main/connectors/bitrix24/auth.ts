/**
 * Authentication strategies behind one interface: an incoming webhook (ref §1.1) or an OAuth local application (ref §1.2).
 * The client never knows which one it talks through.
 */
import { Bitrix24Error } from './errors';
import { refreshOAuthTokens, type OAuthTokens } from './oauth';
import type { Transport } from './transport';
import type { ParsedWebhook } from './webhook-url';

export interface AuthStrategy {
  readonly kind: 'webhook' | 'oauth';
  /** Origin of the portal, e.g. https://store.bitrix24.ru */
  portalUrl(): string;
  /** Full URL of a REST method (prepares credentials first when needed). */
  urlFor(method: string): Promise<string>;
  /** Extra body parameters (the OAuth access token). */
  authParams(): Record<string, string>;
  /** Grows on every credential change; lets a failed call tell whether someone already refreshed. */
  credentialVersion(): number;
  /** After 401 expired_token: refresh once for all concurrent callers. False when the strategy cannot refresh. */
  refresh(staleVersion: number): Promise<boolean>;
  /** The portal answered from another address (renamed portal): adopt its origin. */
  adoptPortal(newUrl: string): void;
  /** Values that must never appear in messages. */
  secrets(): string[];
  /** The user the calls run as, when known without a call (webhook: from its URL). */
  userId(): string | undefined;
}

export class WebhookAuth implements AuthStrategy {
  readonly kind = 'webhook' as const;
  private endpoint: string;
  private origin: string;

  constructor(private readonly hook: ParsedWebhook) {
    this.endpoint = hook.endpoint;
    this.origin = hook.portalUrl;
  }

  portalUrl(): string {
    return this.origin;
  }

  async urlFor(method: string): Promise<string> {
    return `${this.endpoint}${method}`;
  }

  authParams(): Record<string, string> {
    return {};
  }

  credentialVersion(): number {
    return 0;
  }

  async refresh(): Promise<boolean> {
    return false;
  }

  adoptPortal(newUrl: string): void {
    const origin = new URL(newUrl).origin;
    this.endpoint = this.endpoint.replace(this.origin, origin);
    this.origin = origin;
  }

  secrets(): string[] {
    return [this.hook.secret];
  }

  userId(): string | undefined {
    return this.hook.userId;
  }

  /** The webhook address after any rename, for persisting. */
  webhookUrl(): string {
    return this.endpoint;
  }
}

export interface OAuthConfig {
  portalUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken?: string;
  /** Epoch ms; informative only — tokens are refreshed on 401 expired_token, never on a timer (ref §1.2). */
  expiresAt?: number;
  /** Default https://oauth.bitrix.info */
  oauthServerUrl?: string;
  /** Receives every new token pair: the refresh token rotates and must be persisted. */
  onTokens?: (t: OAuthTokens) => void | Promise<void>;
}

export class OAuthAuth implements AuthStrategy {
  readonly kind = 'oauth' as const;
  private origin: string;
  private accessToken: string | undefined;
  private refreshToken: string;
  private version = 0;
  private inflight: Promise<void> | null = null;
  private user: string | undefined;

  constructor(private readonly cfg: OAuthConfig, private readonly transport: Transport) {
    this.origin = new URL(cfg.portalUrl).origin;
    this.accessToken = cfg.accessToken;
    this.refreshToken = cfg.refreshToken;
  }

  portalUrl(): string {
    return this.origin;
  }

  async urlFor(method: string): Promise<string> {
    if (!this.accessToken) await this.refresh(this.version);
    return `${this.origin}/rest/${method}`;
  }

  authParams(): Record<string, string> {
    return this.accessToken ? { auth: this.accessToken } : {};
  }

  credentialVersion(): number {
    return this.version;
  }

  /** Single-flight: concurrent callers that saw the same stale token share one refresh. */
  async refresh(staleVersion: number): Promise<boolean> {
    if (staleVersion !== this.version && this.accessToken) return true;
    if (!this.inflight) {
      this.inflight = this.doRefresh().finally(() => {
        this.inflight = null;
      });
    }
    await this.inflight;
    return true;
  }

  private async doRefresh(): Promise<void> {
    const tokens = await refreshOAuthTokens(this.transport, {
      serverUrl: this.cfg.oauthServerUrl ?? 'https://oauth.bitrix.info',
      clientId: this.cfg.clientId,
      clientSecret: this.cfg.clientSecret,
      refreshToken: this.refreshToken,
    });
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    if (tokens.clientEndpoint) this.origin = new URL(tokens.clientEndpoint).origin;
    if (tokens.userId) this.user = tokens.userId;
    this.version++;
    try {
      await this.cfg.onTokens?.({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt });
    } catch (err) {
      throw new Bitrix24Error({
        code: 'OAUTH_REFRESH_FAILED',
        message: 'persisting the new OAuth tokens failed',
        cause: err,
        userMessage: 'Новый ключ доступа к Битрикс24 получен, но сохранить его не удалось. Проверьте, что программа может записывать настройки, и повторите.',
      });
    }
  }

  adoptPortal(newUrl: string): void {
    this.origin = new URL(newUrl).origin;
  }

  secrets(): string[] {
    return [this.cfg.clientSecret, this.refreshToken, this.accessToken ?? ''].filter(Boolean);
  }

  userId(): string | undefined {
    return this.user;
  }
}
