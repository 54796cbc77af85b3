/**
 * Record versions. Bitrix24 timestamps have second precision (ref §10), so two writes in one second share a
 * DATE_MODIFY; the version therefore also carries who wrote last and a hash of the canonical data, and changes on
 * every write that changes anything we exchange.
 */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function recordVersion(modifiedAt: string, modifiedBy: string | undefined, data: unknown): string {
  return `${modifiedAt}|${modifiedBy ?? ''}|${fnv1a(JSON.stringify(data))}`;
}
