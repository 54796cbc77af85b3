// Portal date formatting and parsing (ref §10): datetimes are `YYYY-MM-DDThh:mm:ss±hh:mm` in the portal's
// offset; filters accept ISO with offset, `YYYY-MM-DD HH:MM:SS` (portal zone), `YYYY-MM-DD`, `dd.mm.yyyy`.
export function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) throw new Error(`bad timezone offset ${offset}`);
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatIso(epochMs: number, offset: string): string {
  const shifted = new Date(epochMs + offsetMinutes(offset) * 60_000);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}${offset}`
  );
}

/** Date-only values are midnight in the portal zone. */
export function startOfDay(epochMs: number, offset: string): number {
  const off = offsetMinutes(offset) * 60_000;
  const local = epochMs + off;
  return local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - off;
}

/** Truncate to whole seconds: Bitrix stores datetimes with second precision. */
export function truncSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000) * 1000;
}

export function parseDateInput(value: unknown, offset: string): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) {
    const zone = m[7] ? (m[7] === 'Z' ? 0 : offsetMinutes(m[7])) : offsetMinutes(offset);
    const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    return utc - zone * 60_000;
  }
  m = /^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const utc = Date.UTC(+m[3], +m[2] - 1, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    return utc - offsetMinutes(offset) * 60_000;
  }
  return null;
}
