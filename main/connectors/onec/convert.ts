/**
 * Value conversions between 1С OData JSON and canonical values — the one place for them (ref §1.4):
 * Edm.Int64 arrives as a JSON string, fractional numbers as Edm.Double, dates as naive wall-clock strings
 * without a zone (the store's zone is attached here), empty references and dates have sentinel values.
 */
import { parseDecimal, roundMoney, roundQuantity } from '../../../shared/money';
import { OnecMappingError } from './errors';

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
/** 1С's empty date (ref §1.4). */
export const EMPTY_DATE = '0001-01-01T00:00:00';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID_RE.test(value);
}

/** A reference field value: null for the empty reference, missing or malformed values. */
export function refOrNull(value: unknown): string | null {
  if (!isGuid(value)) return null;
  return value.toLowerCase() === EMPTY_GUID ? null : value.toLowerCase();
}

/** Edm.Int16/32/64: Int64 comes as a string ("1"); anything else is refused loudly. */
export function toInt(value: unknown, field = 'число'): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new OnecMappingError(`1С вернула в поле «${field}» не целое число: ${JSON.stringify(value)}.`);
  return n;
}

/** Edm.Double / Edm.Decimal money: 2 decimals; empty → 0. */
export function toMoney(value: unknown): number {
  return roundMoney(parseDecimal(value) ?? 0);
}

/** Edm.Double quantity: 3 decimals; empty → 0. */
export function toQuantity(value: unknown): number {
  return roundQuantity(parseDecimal(value) ?? 0);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 'true';
}

export function toStr(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

// ---------- dates ----------

const NAIVE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** Throws a Russian message when the zone is not an IANA name the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch (err) {
    throw new OnecMappingError(`Часовой пояс магазина «${timeZone}» не распознан. Укажите его в настройках подключения к 1С в виде «Europe/Moscow».`, err);
  }
}

/** Wall-clock parts of an instant in the zone, as a UTC millisecond value (for offset arithmetic). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

function offsetMinutes(instantMs: number, timeZone: string): number {
  return Math.round((wallClockMs(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000) / 60000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** True for 1С's empty date and for a missing value. */
export function isEmptyDate(naive: unknown): boolean {
  return typeof naive !== 'string' || naive === '' || naive.startsWith('0001-01-01');
}

/**
 * Naive 1С date ("2024-03-31T02:30:00") in the store's zone → ISO 8601 with offset ("2024-03-31T02:30:00+03:00").
 * Empty date → null. A wall time skipped by a DST jump is moved forward, as clocks do.
 */
export function naiveToIso(naive: unknown, timeZone: string): string | null {
  if (isEmptyDate(naive)) return null;
  const m = NAIVE_RE.exec(naive as string);
  if (!m) throw new OnecMappingError(`1С вернула дату в неожиданном виде: ${JSON.stringify(naive)}.`);
  const wallMs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Two passes settle the offset around DST changes.
  let instant = wallMs - offsetMinutes(wallMs, timeZone) * 60000;
  instant = wallMs - offsetMinutes(instant, timeZone) * 60000;
  const offset = offsetMinutes(instant, timeZone);
  const wall = new Date(instant + offset * 60000).toISOString().slice(0, 19);
  return `${wall}${formatOffset(offset)}`;
}

/** ISO instant (any offset, or a Date) → naive wall-clock string in the store's zone, as 1С stores it. */
export function isoToNaive(iso: string | Date, timeZone: string): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (!Number.isFinite(ms)) throw new OnecMappingError(`Дата «${String(iso)}» не распознана — ожидается ISO 8601, например 2024-01-31T10:00:00+03:00.`);
  return new Date(wallClockMs(ms, timeZone)).toISOString().slice(0, 19);
}
