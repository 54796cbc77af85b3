// Response envelope (ref §2): `{result, time, [total, next]}`; `time` carries `operating` and
// `operating_reset_at` on cloud portals (ref §3.2).
import { formatIso } from './dates';

export interface TimeInfo {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  operating_reset_at: number;
  operating: number;
}

export interface TimeInput {
  startMs: number;
  /** simulated server time spent, seconds */
  processing: number;
  operating: number;
  operatingResetAtMs: number;
  offset: string;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

export function timeInfo(t: TimeInput): TimeInfo {
  const start = t.startMs / 1000;
  const duration = t.processing + 0.0005;
  return {
    start: round6(start),
    finish: round6(start + duration),
    duration: round6(duration),
    processing: round6(t.processing),
    date_start: formatIso(t.startMs, t.offset),
    date_finish: formatIso(t.startMs + duration * 1000, t.offset),
    operating_reset_at: Math.floor(t.operatingResetAtMs / 1000),
    operating: round6(t.operating),
  };
}

export interface MethodOutput {
  result: unknown;
  total?: number;
  next?: number;
}

export function successBody(out: MethodOutput, time: TimeInfo): Record<string, unknown> {
  const body: Record<string, unknown> = { result: out.result };
  if (out.next !== undefined) body.next = out.next;
  if (out.total !== undefined) body.total = out.total;
  body.time = time;
  return body;
}

export function errorBody(code: string | number, description: string): Record<string, unknown> {
  return { error: code, error_description: description };
}
