// Create / update / delete of contacts, companies and deals in their canonical (legacy-named) form.
// Every write stamps DATE_MODIFY and MODIFY_BY_ID with the acting user (ref §1.1 echo suppression, §9).
import { restErrors } from '../core/errors';
import { stampNow, type Ctx } from '../methods/types';
import type { CrmKind, CrmRecord } from '../state/types';
import { fieldByName, hasMultifields, ufEntityId } from './fields';
import { applyOps, type FmOp } from './multifields';
import { coerceUfValue } from './userfields';
import { coerceField } from './values';
import { applyDealRules, type DealWriteMode } from './deal-rules';

export interface CrmInput {
  /** legacy field names */
  fields: Record<string, unknown>;
  fmOps: FmOp[];
}

function coerceInput(ctx: Ctx, kind: CrmKind, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ufs = ctx.state.userFieldsOf(ufEntityId(kind));
  for (const [name, value] of Object.entries(input)) {
    if (name.startsWith('UF_')) {
      const uf = ufs.find((u) => u.FIELD_NAME === name);
      if (uf) out[name] = coerceUfValue(uf, value);
      continue;
    }
    const def = fieldByName(kind, name);
    if (!def || def.readOnly) continue; // writable only in import mode (ref §4.1)
    out[name] = coerceField(def.kind, value, ctx.config.timezone);
  }
  return out;
}

/** COMPANY_IDS / CONTACT_IDS lists with the single-id field as the primary (first) element. */
function mergeLinks(fields: Record<string, unknown>, prev: Record<string, unknown>, single: string, multi: string): void {
  if (multi in fields) {
    fields[single] = (fields[multi] as number[])[0] ?? null;
  } else if (single in fields) {
    const primary = fields[single] as number | null;
    const rest = ((prev[multi] as number[] | undefined) ?? []).filter((x) => x !== primary);
    fields[multi] = primary ? [primary, ...rest] : rest;
  }
}

function setCompanyContacts(ctx: Ctx, companyId: number, contactIds: number[]): void {
  for (const c of ctx.state.contacts.values()) {
    const list = (c.fields.COMPANY_IDS as number[] | undefined) ?? [];
    const has = list.includes(companyId);
    const want = contactIds.includes(c.ID);
    if (has === want) continue;
    c.fields.COMPANY_IDS = want ? [...list, companyId] : list.filter((x) => x !== companyId);
    c.fields.COMPANY_ID = (c.fields.COMPANY_IDS as number[])[0] ?? null;
  }
}

/** Applies `input` to `rec`; returns the company's new contact list when CONTACT_IDS was written. */
function write(ctx: Ctx, kind: CrmKind, rec: CrmRecord, input: CrmInput, mode: DealWriteMode, isNew: boolean): number[] | undefined {
  const fields = coerceInput(ctx, kind, input.fields);
  const fm = hasMultifields(kind) ? applyOps(ctx.state, rec.fm, input.fmOps) : rec.fm;
  let companyContacts: number[] | undefined;
  if (kind === 'company' && 'CONTACT_IDS' in fields) {
    companyContacts = fields.CONTACT_IDS as number[];
    delete fields.CONTACT_IDS; // the relation lives on the contacts
  }
  if (kind === 'contact') mergeLinks(fields, rec.fields, 'COMPANY_ID', 'COMPANY_IDS');
  if (kind === 'deal') {
    mergeLinks(fields, rec.fields, 'CONTACT_ID', 'CONTACT_IDS');
    applyDealRules(ctx, rec.fields, fields, mode, isNew);
  }
  Object.assign(rec.fields, fields);
  rec.fm = fm;
  const now = stampNow(ctx);
  if (isNew) {
    rec.fields.DATE_CREATE = now;
    rec.fields.CREATED_BY_ID = ctx.userId;
    rec.fields.ASSIGNED_BY_ID ??= ctx.userId;
    rec.fields.OPENED ??= 'Y';
  }
  rec.fields.DATE_MODIFY = now;
  rec.fields.MODIFY_BY_ID = ctx.userId;
  return companyContacts;
}

export function findRecord(ctx: Ctx, kind: CrmKind, id: number): CrmRecord | undefined {
  return ctx.state.crmTable(kind).get(id);
}

export function createRecord(ctx: Ctx, kind: CrmKind, input: CrmInput, mode: DealWriteMode): CrmRecord {
  const rec: CrmRecord = { ID: 0, fields: {}, fm: [] };
  const companyContacts = write(ctx, kind, rec, input, mode, true); // throws before the id is taken
  rec.ID = ctx.state.nextId(kind);
  ctx.state.crmTable(kind).set(rec.ID, rec);
  if (companyContacts) setCompanyContacts(ctx, rec.ID, companyContacts);
  return rec;
}

export function updateRecord(ctx: Ctx, kind: CrmKind, rec: CrmRecord, input: CrmInput, mode: DealWriteMode): CrmRecord {
  const draft: CrmRecord = { ID: rec.ID, fields: { ...rec.fields }, fm: rec.fm };
  const companyContacts = write(ctx, kind, draft, input, mode, false);
  rec.fields = draft.fields;
  rec.fm = draft.fm;
  if (companyContacts) setCompanyContacts(ctx, rec.ID, companyContacts);
  return rec;
}

/** A non-field change (product rows, payments) that still counts as a modification of the deal. */
export function touchRecord(ctx: Ctx, rec: CrmRecord): void {
  rec.fields.DATE_MODIFY = stampNow(ctx);
  rec.fields.MODIFY_BY_ID = ctx.userId;
}

export function deleteRecord(ctx: Ctx, kind: CrmKind, id: number): void {
  const table = ctx.state.crmTable(kind);
  if (!table.delete(id)) throw restErrors.itemNotFound();
  ctx.state.deleted[kind].push(id);
  const s = ctx.state;
  if (kind === 'company') {
    setCompanyContacts(ctx, id, []);
    for (const d of s.deals.values()) if (d.fields.COMPANY_ID === id) d.fields.COMPANY_ID = null;
  }
  if (kind === 'contact') {
    for (const d of s.deals.values()) {
      const list = (d.fields.CONTACT_IDS as number[] | undefined) ?? [];
      if (!list.includes(id)) continue;
      d.fields.CONTACT_IDS = list.filter((x) => x !== id);
      d.fields.CONTACT_ID = (d.fields.CONTACT_IDS as number[])[0] ?? null;
    }
  }
  if (kind === 'deal') {
    for (const r of [...s.productRows.values()]) if (r.OWNER_TYPE === 'D' && r.OWNER_ID === id) s.productRows.delete(r.ID);
    for (const p of [...s.payments.values()]) {
      if (p.entityTypeId !== 2 || p.entityId !== id) continue;
      s.payments.delete(p.id);
      for (const pp of [...s.paymentProducts.values()]) if (pp.paymentId === p.id) s.paymentProducts.delete(pp.id);
    }
  }
  for (const [rid, r] of [...s.requisites]) {
    const et = kind === 'contact' ? 3 : kind === 'company' ? 4 : -1;
    if (Number(r.ENTITY_TYPE_ID) === et && Number(r.ENTITY_ID) === id) s.requisites.delete(rid);
  }
}
