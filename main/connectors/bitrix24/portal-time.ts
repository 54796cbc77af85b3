/** Portal datetimes (ref §10): `YYYY-MM-DDThh:mm:ss±hh:mm`. Parsed to epoch ms; formatted back in the portal's offset. */

export function parsePortalTime(value: unknown): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return utc - offsetMinutes(m[7] ?? 'Z') * 60_000;
}

/** "+03:00" of a portal datetime; "+00:00" when absent. */
export function offsetOf(value: string): string {
  const m = /(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim());
  if (!m || m[1] === 'Z') return '+00:00';
  return m[1].includes(':') ? m[1] : `${m[1].slice(0, 3)}:${m[1].slice(3)}`;
}

export function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatPortalTime(epochMs: number, offset: string): string {
  const d = new Date(epochMs + offsetMinutes(offset) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}

/** YYYY-MM-DD of an ISO datetime in its own offset (for date-only fields such as BEGINDATE). */
export function datePart(iso: string): string {
  return iso.slice(0, 10);
}
