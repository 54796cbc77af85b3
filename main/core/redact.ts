/**
 * Removes secrets from any text before it is logged, shown or returned (G7): the known secret values, the key part
 * of webhook URLs, credentials in URLs, Authorization headers and OAuth tokens in query strings.
 */
export class Redactor {
  private secrets = new Set<string>();
  /** Longest first, so a secret that contains another is removed whole, not around the shorter one. */
  private ordered: string[] = [];

  /** Registers a value that must never appear in output (e.g. the 1С password). Short values are ignored to avoid mangling text. */
  add(value: string | null | undefined): void {
    if (!value || value.length < 4 || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.ordered = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.ordered) {
      // As is, URL-encoded, and as it reads inside JSON text (quotes, backslashes and control characters escaped).
      for (const form of new Set([s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)])) {
        if (out.includes(form)) out = out.split(form).join('***');
      }
    }
    return redactPatterns(out);
  }

  /**
   * Redacts every string inside a JSON-like value. Redacting its JSON text instead would miss secrets that JSON
   * escapes (a password with a quote or a backslash) and could break the JSON when a secret spans a delimiter.
   */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redactDeep(v);
      return out as T;
    }
    return value;
  }
}

export function redactPatterns(text: string): string {
  return text
    .replace(/(\/rest\/\d+\/)[^/\s"']+/g, '$1***')
    .replace(/(https?:\/\/)[^/\s:@"']+:[^@\s"']+@/g, '$1***:***@')
    .replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._-]+/gi, '$1$2 ***')
    .replace(/([?&](?:auth|access_token|refresh_token|client_secret|password)=)[^&\s"']+/gi, '$1***');
}
