// Basic authentication of 1С users (ref §1.2): base64(utf8("user:pass")); a Cyrillic login encoded in
// cp1251 is not valid UTF-8 and fails with 401 (IIS 401.5 on a real publication). Logins are case-insensitive.

export interface SimUser {
  name: string;
  password: string;
  /**
   * 'admin' (everything), 'read', 'write', 'post', and 'store:<guid>' (RLS: only rows of that store,
   * see allowedOnly, ref §1.5). Default: ['admin'].
   */
  roles?: string[];
}

export interface Principal {
  name: string;
  canRead: boolean;
  canWrite: boolean;
  canPost: boolean;
  allowedStores?: ReadonlySet<string>;
}

export const DEFAULT_USERS: SimUser[] = [
  { name: 'Администратор', password: 'admin', roles: ['admin'] },
  { name: 'odata', password: 'odata', roles: ['admin'] },
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function principalOf(u: SimUser): Principal {
  const roles = u.roles && u.roles.length > 0 ? u.roles : ['admin'];
  const admin = roles.includes('admin');
  const stores = roles.filter((r) => r.startsWith('store:')).map((r) => r.slice('store:'.length).toLowerCase());
  return {
    name: u.name,
    canRead: admin || roles.includes('read') || roles.includes('write') || roles.includes('post'),
    canWrite: admin || roles.includes('write'),
    canPost: admin || roles.includes('post'),
    allowedStores: stores.length > 0 ? new Set(stores) : undefined,
  };
}

/** Principal for an Authorization header, or undefined when authentication fails. */
export function authenticate(header: string | undefined, users: readonly SimUser[]): Principal | undefined {
  if (!header) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!m) return undefined;
  let text: string;
  try {
    text = utf8.decode(Buffer.from(m[1], 'base64'));
  } catch {
    return undefined; // not UTF-8 (e.g. a cp1251-encoded Cyrillic login)
  }
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const name = text.slice(0, colon);
  const password = text.slice(colon + 1);
  const user = users.find((u) => u.name.toLowerCase() === name.toLowerCase());
  return user && user.password === password ? principalOf(user) : undefined;
}

export const LOGIN_PAGE_HTML =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>1С:Предприятие</title></head>' +
  '<body><h1>Ошибка аутентификации</h1><p>Неправильное имя пользователя или пароль.</p></body></html>';
