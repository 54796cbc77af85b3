/** The result of "Проверить подключение" (G1): one report per system, with what was found and what is wrong. */

export type CheckCode =
  | 'OK'
  | 'NOT_CONFIGURED'
  | 'INVALID_URL'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'TLS_ERROR'
  | 'WRONG_URL'
  | 'AUTH_FAILED'
  | 'FORBIDDEN'
  | 'ODATA_NOT_PUBLISHED'
  | 'ODATA_EMPTY'
  | 'ENTITY_SETS_MISSING'
  | 'FIELDS_MISSING'
  | 'SCOPE_MISSING'
  | 'REST_UNAVAILABLE'
  | 'PORTAL_MOVED'
  | 'TOKEN_EXPIRED'
  | 'SERVER_ERROR'
  | 'UNEXPECTED_RESPONSE';

export type CheckStatus = 'ok' | 'warning' | 'error';

/** One line of the diagnostics: what was checked and how it went. */
export interface CheckItem {
  id: string;
  status: CheckStatus;
  /** Russian, short: what was checked. */
  title: string;
  /** Russian: what was found, or what is wrong. */
  message: string;
  /** Russian: what to do about it. */
  hint?: string;
}

export interface OnecFound {
  serviceUrl: string;
  configurationName?: string;
  configurationVersion?: string;
  entitySetCount: number;
  missingEntitySets: string[];
}

export interface Bitrix24Found {
  portal: string;
  user?: { id: string; name: string; isAdmin: boolean };
  scopes: string[];
  missingScopes: string[];
}

export interface SystemCheck<F> {
  system: 'onec' | 'bitrix24';
  status: CheckStatus;
  code: CheckCode;
  /** Russian one-line summary. */
  message: string;
  hint?: string;
  items: CheckItem[];
  found?: F;
  durationMs: number;
}

export interface ConnectionCheckReport {
  checkedAt: string;
  onec?: SystemCheck<OnecFound>;
  bitrix24?: SystemCheck<Bitrix24Found>;
}
