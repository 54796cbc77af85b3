/**
 * The headless server's access token: it arrives once in the address (`#token=<hex>`), is kept in sessionStorage
 * for reloads of this tab, and is removed from the address bar at once so it never shows in screenshots or history.
 */
const STORAGE_KEY = 'onec-b24.token';
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{8,512}$/;

function readHashToken(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

/** Takes the token from the address (and hides it) or from this tab's storage. */
export function takeToken(): string | null {
  const fromHash = readHashToken(window.location.hash);
  if (window.location.hash.includes('token=')) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  if (fromHash) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // storage disabled: the token lives for this page only
    }
    return fromHash;
  }
  try {
    const stored = window.sessionStorage.getItem(STORAGE_KEY);
    return stored && TOKEN_PATTERN.test(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Forgets a token the server refused, so a reload asks for the right address instead of retrying it. */
export function forgetToken(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to forget
  }
}
