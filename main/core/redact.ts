/**
 * Removes secrets from any text before it is logged, shown or returned (G7): the known secret values, the key part
 * of webhook URLs, credentials in URLs, Authorization headers and OAuth tokens in query strings.
 */
export class Redactor {
  private secrets = new Set<string>();

  /** Registers a value that must never appear in output (e.g. the 1С password). Short values are ignored to avoid mangling text. */
  add(value: string | null | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      if (out.includes(s)) out = out.split(s).join('***');
      const encoded = encodeURIComponent(s);
      if (encoded !== s && out.includes(encoded)) out = out.split(encoded).join('***');
    }
    return redactPatterns(out);
  }
}

export function redactPatterns(text: string): string {
  return text
    .replace(/(\/rest\/\d+\/)[^/\s"']+/g, '$1***')
    .replace(/(https?:\/\/)[^/\s:@"']+:[^@\s"']+@/g, '$1***:***@')
    .replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._-]+/gi, '$1$2 ***')
    .replace(/([?&](?:auth|access_token|refresh_token|client_secret|password)=)[^&\s"']+/gi, '$1***');
}
