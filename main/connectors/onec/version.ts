/**
 * Versions of canonical records. An object's DataVersion does not move when data kept elsewhere changes —
 * a card assigned to a customer, a price set by a document, a barcode record (ref §1.4: independent register
 * records have no DataVersion) — so such parts are appended: `<DataVersion>|c=<card>|p=<price>`.
 */

export function composeVersion(dataVersion: string, parts: Record<string, string | null | undefined> = {}): string {
  const tail = Object.entries(parts)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `|${k}=${v}`)
    .join('');
  return dataVersion + tail;
}

/** The DataVersion part of a composed version. */
export function dataVersionOf(version: string): string {
  const i = version.indexOf('|');
  return i < 0 ? version : version.slice(0, i);
}

/** Short stable digest (FNV-1a, 32 bit) for lists such as barcodes. */
export function digest(values: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of values.join('\u0001')) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
