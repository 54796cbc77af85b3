// PHONE/EMAIL/WEB/IM multifields (ref §4.2).
// Legacy update: element without ID → add; ID+VALUE → replace; ID+DELETE:'Y', ID+empty VALUE, bare ID → delete.
// crm.item `fm`: keys "n0","n1"… add; numeric id → update; numeric id with value "" → delete; an unknown id
// creates a value (D crm-item-update.md).
import { restErrors } from '../core/errors';
import { isRecord, toInt, toStr } from '../core/params';
import type { PortalState } from '../state/store';
import type { Multifield, MultifieldType } from '../state/types';
import { MULTIFIELD_NAMES } from './fields';

export type FmOp =
  | { op: 'add'; typeId: MultifieldType; value: string; valueType: string }
  | { op: 'update'; id: number; typeId?: MultifieldType; value: string; valueType?: string }
  | { op: 'delete'; id: number };

const DEFAULT_VALUE_TYPE: Record<MultifieldType, string> = { PHONE: 'WORK', EMAIL: 'WORK', WEB: 'WORK', IM: 'OTHER' };
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isMultifieldType(v: string): v is MultifieldType {
  return (MULTIFIELD_NAMES as readonly string[]).includes(v);
}

/** Legacy `fields.PHONE = [{ID?, VALUE, VALUE_TYPE, DELETE?}]` (array, or object keyed 'n0'/ids from forms). */
export function legacyOps(typeId: MultifieldType, input: unknown): FmOp[] {
  if (typeof input === 'string') throw restErrors.expectedIterable();
  const ops: FmOp[] = [];
  const entries: [string, unknown][] = Array.isArray(input) ? input.map((v, i) => [String(i), v]) : isRecord(input) ? Object.entries(input) : [];
  for (const [, el] of entries) {
    if (!isRecord(el)) continue;
    const id = toInt(el.ID ?? el.id);
    const value = toStr(el.VALUE ?? el.value);
    const valueType = toStr(el.VALUE_TYPE ?? el.valueType) ?? undefined;
    if (id === null || id <= 0) {
      if (value) ops.push({ op: 'add', typeId, value, valueType: valueType ?? DEFAULT_VALUE_TYPE[typeId] });
      continue;
    }
    const del = el.DELETE ?? el.delete;
    if (del === 'Y' || del === true || value === null || value === '') ops.push({ op: 'delete', id });
    else ops.push({ op: 'update', id, typeId, value, valueType });
  }
  return ops;
}

/** crm.item `fm` object/array: `{n0: {typeId, valueType, value}, 123: {value: ''}}`. */
export function fmOps(input: unknown): FmOp[] {
  if (input === undefined || input === null) return [];
  if (!isRecord(input) && !Array.isArray(input)) throw restErrors.expectedIterable();
  const entries: [string, unknown][] = Array.isArray(input) ? input.map((v, i) => [`n${i}`, v]) : Object.entries(input);
  const ops: FmOp[] = [];
  for (const [key, el] of entries) {
    if (!isRecord(el)) continue;
    const typeRaw = String(el.typeId ?? el.TYPE_ID ?? '').toUpperCase();
    const typeId = isMultifieldType(typeRaw) ? typeRaw : undefined;
    const value = toStr(el.value ?? el.VALUE);
    const valueType = toStr(el.valueType ?? el.VALUE_TYPE) ?? undefined;
    const id = /^\d+$/.test(key) ? Number(key) : toInt(el.id ?? el.ID);
    if (id !== null && id > 0) {
      if (value === '' || value === null) ops.push({ op: 'delete', id });
      else ops.push({ op: 'update', id, typeId, value, valueType });
    } else if (typeId && value) {
      ops.push({ op: 'add', typeId, value, valueType: valueType ?? DEFAULT_VALUE_TYPE[typeId] });
    }
  }
  return ops;
}

function validate(typeId: MultifieldType, value: string): void {
  // ref §10: e-mails are validated → ERROR_CORE "invalid address".
  if (typeId === 'EMAIL' && !EMAIL_RE.test(value.trim())) throw restErrors.core(`Email "${value}" is an invalid address.`);
}

/** Returns a new list; throws before anything is changed when a value is invalid. */
export function applyOps(state: PortalState, current: Multifield[], ops: FmOp[]): Multifield[] {
  const list = current.map((m) => ({ ...m }));
  for (const o of ops) {
    if (o.op === 'delete') {
      const i = list.findIndex((m) => m.ID === o.id);
      if (i >= 0) list.splice(i, 1);
      continue;
    }
    if (o.op === 'update') {
      const existing = list.find((m) => m.ID === o.id);
      if (existing) {
        validate(existing.TYPE_ID, o.value);
        existing.VALUE = o.value;
        if (o.valueType) existing.VALUE_TYPE = o.valueType;
        continue;
      }
      if (!o.typeId) continue;
      validate(o.typeId, o.value);
      list.push({ ID: state.nextId('multifield'), TYPE_ID: o.typeId, VALUE: o.value, VALUE_TYPE: o.valueType ?? DEFAULT_VALUE_TYPE[o.typeId] });
      continue;
    }
    validate(o.typeId, o.value);
    list.push({ ID: state.nextId('multifield'), TYPE_ID: o.typeId, VALUE: o.value, VALUE_TYPE: o.valueType });
  }
  return list;
}

export function legacyFmValue(list: Multifield[], typeId: MultifieldType): Record<string, string>[] {
  return list.filter((m) => m.TYPE_ID === typeId).map((m) => ({ ID: String(m.ID), VALUE_TYPE: m.VALUE_TYPE, VALUE: m.VALUE, TYPE_ID: m.TYPE_ID }));
}

export function itemFmValue(list: Multifield[]): Record<string, unknown>[] {
  return list.map((m) => ({ id: m.ID, valueType: m.VALUE_TYPE, value: m.VALUE, typeId: m.TYPE_ID }));
}

