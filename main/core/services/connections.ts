/** Connections service (G1): view and save connection settings, and check both systems for real. */
import type { ConnectionsInput, ConnectionsService, ConnectionsView, CheckRequest } from '../../../shared/api';
import { CheckRequestSchema, ConnectionsInputSchema } from '../../../shared/api';
import type { ConnectionCheckReport, SystemCheck } from '../../../shared/checks';
import { type SecretView } from '../../../shared/settings';
import { checkBitrix24 } from '../../connectors/bitrix24/check';
import { checkOnec } from '../../connectors/onec/check';
import { portalFromWebhook, resolveConnections, type EffectiveConnections } from '../connection-config';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { redactPatterns, type Redactor } from '../redact';
import type { SecretStore } from '../secret-store';
import type { SettingsStore } from '../settings-store';

export interface ConnectionsDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  redactor: Redactor;
  log: Logger;
  /** Replaceable for tests; production uses the real checks. */
  checkOnec?: typeof checkOnec;
  checkBitrix24?: typeof checkBitrix24;
}

function secretView(value: string | null, mask: (v: string) => string = () => '••••••'): SecretView {
  return value ? { set: true, masked: mask(value) } : { set: false, masked: '' };
}

export function createConnectionsService(deps: ConnectionsDeps): ConnectionsService {
  const { settings, secrets, env, redactor, log } = deps;
  const runOnec = deps.checkOnec ?? checkOnec;
  const runB24 = deps.checkBitrix24 ?? checkBitrix24;
  /**
   * OAuth refresh tokens are single-use: a check that refreshes makes the old one dead. Remember old → new, so that a
   * form saved after a check (still holding the token the admin typed) stores the live token, not the dead one.
   */
  const rotated = new Map<string, string>();
  const liveToken = (token: string): string => {
    let t = token;
    for (let i = 0; i < 100 && rotated.has(t); i++) t = rotated.get(t) as string;
    return t;
  };

  const registerSecrets = (c: EffectiveConnections) => {
    redactor.add(c.onec.password);
    // The Basic credentials as they travel in the Authorization header.
    if (c.onec.password) redactor.add(Buffer.from(`${c.onec.user}:${c.onec.password}`).toString('base64'));
    redactor.add(c.bitrix24.webhookUrl);
    // The key alone, in case a message carries it without the rest of the address (another host spelling, a path).
    redactor.add(webhookKey(c.bitrix24.webhookUrl));
    redactor.add(c.bitrix24.clientSecret);
    redactor.add(c.bitrix24.refreshToken);
  };
  // Known from the start, not only after the first view or check: any log line written before must be clean too.
  // Both the effective values and the saved ones the environment overrides: those are secrets all the same.
  try {
    const saved = settings.read();
    registerSecrets(resolveConnections(saved, secrets, env));
    registerSecrets(resolveConnections(saved, secrets, {}));
  } catch {
    // A broken settings or secrets file is reported by the first call that reads it.
  }

  const view = (): ConnectionsView => {
    const s = settings.read();
    const eff = resolveConnections(s, secrets, env);
    registerSecrets(eff);
    return {
      // An address from ONEC_ODATA_URL may carry user:password@ — the page never gets them.
      onec: { url: redactPatterns(eff.onec.url), user: eff.onec.user, timeZone: eff.onec.timeZone, password: secretView(eff.onec.password || null) },
      bitrix24: {
        authMode: eff.bitrix24.authMode,
        portalUrl: eff.bitrix24.portalUrl,
        webhookUrl: secretView(eff.bitrix24.webhookUrl || null, maskWebhook),
        clientId: eff.bitrix24.clientId,
        clientSecret: secretView(eff.bitrix24.clientSecret || null),
        refreshToken: secretView(eff.bitrix24.refreshToken || null),
      },
      secretStorage: secrets.kind,
      overriddenByEnv: eff.overriddenByEnv,
    };
  };

  return {
    async get() {
      return view();
    },

    async save(rawInput: ConnectionsInput) {
      const input = ConnectionsInputSchema.parse(rawInput);
      const s = settings.read();
      // settings.json holds no secrets: credentials typed into an address are refused, not saved.
      if (hasCredentials(input.onec.url)) {
        throw new AppError('VALIDATION', 'Адрес 1С содержит имя пользователя или пароль. Уберите их из адреса и укажите в полях «Пользователь» и «Пароль»: так пароль не попадёт в файл настроек.');
      }
      s.onec.url = input.onec.url.trim();
      s.onec.user = input.onec.user.trim();
      if (input.onec.timeZone) s.onec.timeZone = input.onec.timeZone;
      s.bitrix24.authMode = input.bitrix24.authMode;
      if (input.bitrix24.clientId !== undefined) s.bitrix24.clientId = input.bitrix24.clientId.trim();
      if (input.bitrix24.portalUrl !== undefined) s.bitrix24.portalUrl = safePortalUrl(input.bitrix24.portalUrl);
      if (input.onec.password !== undefined) secrets.set('onec.password', input.onec.password);
      if (input.bitrix24.webhookUrl !== undefined) {
        const hook = input.bitrix24.webhookUrl === null ? null : input.bitrix24.webhookUrl.trim();
        secrets.set('bitrix24.webhookUrl', hook);
        if (hook) s.bitrix24.portalUrl = portalFromWebhook(hook);
      }
      if (input.bitrix24.clientSecret !== undefined) secrets.set('bitrix24.clientSecret', input.bitrix24.clientSecret);
      if (input.bitrix24.refreshToken !== undefined) {
        secrets.set('bitrix24.refreshToken', input.bitrix24.refreshToken === null ? null : liveToken(input.bitrix24.refreshToken.trim()));
      }
      settings.write(s);
      log.info('Настройки подключений сохранены.');
      return view();
    },

    async check(rawRequest?: CheckRequest) {
      const request = CheckRequestSchema.parse(rawRequest ?? {});
      const eff = resolveConnections(settings.read(), secrets, env, request.draft);
      registerSecrets(eff);
      const report: ConnectionCheckReport = { checkedAt: new Date().toISOString() };
      const tasks: Promise<void>[] = [];
      if (request.target !== 'bitrix24') {
        tasks.push(runOnec({ url: eff.onec.url, user: eff.onec.user, password: eff.onec.password }).then((r) => {
          report.onec = scrub(r, redactor);
        }));
      }
      if (request.target !== 'onec') {
        const b = eff.bitrix24;
        tasks.push(runB24({
          authMode: b.authMode,
          webhookUrl: b.webhookUrl,
          portalUrl: b.portalUrl,
          clientId: b.clientId,
          clientSecret: b.clientSecret,
          refreshToken: b.refreshToken,
        }, {
          // A rotated refresh token must be kept, or the next refresh fails (ref bitrix24 §1.2).
          onTokens: (t) => {
            redactor.add(t.accessToken);
            redactor.add(t.refreshToken);
            if (b.refreshToken) rotated.set(b.refreshToken, t.refreshToken);
            // The saved token was the one used (no other typed in the form): keep the rotated one right away.
            if (b.refreshToken === secrets.get('bitrix24.refreshToken')) secrets.set('bitrix24.refreshToken', t.refreshToken);
          },
        }).then((r) => {
          report.bitrix24 = scrub(r, redactor);
        }));
      }
      await Promise.all(tasks);
      for (const r of [report.onec, report.bitrix24]) {
        if (!r) continue;
        const system = r.system === 'onec' ? '1С' : 'Битрикс24';
        const line = `Проверка подключения к ${system}: ${r.message}`;
        if (r.status === 'error') log.error(line);
        else if (r.status === 'warning') log.warn(line);
        else log.info(line);
      }
      return report;
    },
  };
}

/** Defense in depth: no secret leaves through a check report, whatever a connector put in it. */
function scrub<F>(check: SystemCheck<F>, redactor: Redactor): SystemCheck<F> {
  return redactor.redactDeep(check);
}

function hasCredentials(value: string): boolean {
  try {
    const u = new URL(value.trim());
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

/** A portal address is not a secret, but a pasted webhook address (or one with credentials) is: keep only the portal. */
function safePortalUrl(value: string): string {
  const v = value.trim();
  try {
    const u = new URL(v);
    if (u.username || u.password || u.search || u.hash || /\/rest\//.test(u.pathname)) return u.origin;
    return v;
  } catch {
    return v;
  }
}

const WEBHOOK_PATH = /^\/rest\/(\d+)\/[^/]+\/?$/;

/**
 * The webhook address as shown in the form: https://shop.bitrix24.ru/rest/1/••••••/. Anything that does not have
 * exactly that shape (a key without the user id, a query string, a method name) shows only the portal, never the rest.
 */
export function maskWebhook(value: string): string {
  try {
    const u = new URL(value.trim());
    const m = WEBHOOK_PATH.exec(u.pathname);
    if (m && u.search === '' && u.hash === '') return `${u.origin}/rest/${m[1]}/••••••/`;
    return `${u.origin}/••••••`;
  } catch {
    return '••••••';
  }
}

/** The key part of a webhook address (the segment after /rest/<id>/), or '' if there is none. */
function webhookKey(value: string): string {
  try {
    const parts = new URL(value.trim()).pathname.split('/').filter(Boolean);
    const at = parts.indexOf('rest');
    return at >= 0 ? (parts[at + 2] ?? '') : '';
  } catch {
    return '';
  }
}
