// crm.requisite.add|update|get|list|delete|fields (ref §5). Required on add: ENTITY_TYPE_ID (3 or 4),
// ENTITY_ID, PRESET_ID (from crm.requisite.preset.list), NAME. Match by INN with filter {RQ_INN, ENTITY_TYPE_ID: 4}.
import { formatIso } from '../core/dates';
import { legacyNotFound, restErrors } from '../core/errors';
import { asList, optionalRecord, param, requireInt, startParam, toInt, toStr } from '../core/params';
import { compileFilter, type FilterField } from '../query/filter';
import { compileOrder } from '../query/order';
import { page, pagedOutput } from '../query/paging';
import { requisitePresets } from '../state/dictionaries';
import { def, stampNow, type Ctx, type MethodDef } from './types';

type Requisite = Record<string, unknown>;

const NUMERIC = ['ID', 'ENTITY_TYPE_ID', 'ENTITY_ID', 'PRESET_ID', 'SORT', 'CREATED_BY_ID', 'MODIFY_BY_ID'];
const DATES = ['DATE_CREATE', 'DATE_MODIFY'];
const STRINGS = ['NAME', 'CODE', 'XML_ID', 'ORIGINATOR_ID', 'ACTIVE', 'ADDRESS_ONLY', 'RQ_NAME', 'RQ_FIRST_NAME', 'RQ_LAST_NAME', 'RQ_SECOND_NAME', 'RQ_COMPANY_NAME', 'RQ_COMPANY_FULL_NAME', 'RQ_INN', 'RQ_KPP', 'RQ_OGRN', 'RQ_OGRNIP', 'RQ_OKPO', 'RQ_DIRECTOR', 'RQ_ACCOUNTANT', 'RQ_PHONE', 'RQ_EMAIL'];
const ALL = [...NUMERIC, ...DATES, ...STRINGS];

const resolver = (name: string): FilterField<Requisite> | undefined =>
  ALL.includes(name) ? { kind: NUMERIC.includes(name) ? 'number' : DATES.includes(name) ? 'datetime' : 'string', get: (r) => r[name] } : undefined;

function out(r: Requisite, tz: string, select: string[]): Record<string, unknown> {
  const names = select.length === 0 || select.includes('*') ? ALL : ['ID', ...select.filter((s) => ALL.includes(s))];
  const o: Record<string, unknown> = {};
  for (const n of names) {
    const v = r[n];
    o[n] = v === null || v === undefined ? null : DATES.includes(n) ? formatIso(v as number, tz) : String(v);
  }
  return o;
}

function apply(ctx: Ctx, r: Requisite, fields: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(fields)) {
    if (NUMERIC.includes(k) && k !== 'ID' && !k.endsWith('_BY_ID')) r[k] = toInt(v);
    else if (STRINGS.includes(k)) r[k] = toStr(v);
  }
  r.DATE_MODIFY = stampNow(ctx);
  r.MODIFY_BY_ID = ctx.userId;
}

function mustFind(ctx: Ctx, id: number): Requisite {
  const r = ctx.state.requisites.get(id);
  if (!r) throw legacyNotFound(ctx.config.notFoundStyle);
  return r;
}

export const crmRequisiteMethods: MethodDef[] = [
  def('crm.requisite.add', 'crm', (ctx, params) => {
    const f = optionalRecord(params, 'fields');
    const et = toInt(f.ENTITY_TYPE_ID);
    const eid = toInt(f.ENTITY_ID);
    if (et !== 3 && et !== 4) throw restErrors.core('ENTITY_TYPE_ID is not defined or invalid.');
    const owner = et === 3 ? ctx.state.contacts.get(eid ?? 0) : ctx.state.companies.get(eid ?? 0);
    if (!owner) throw restErrors.core('ENTITY_ID is not defined or invalid.');
    if (!requisitePresets.some((p) => Number(p.ID) === toInt(f.PRESET_ID))) throw restErrors.core('PRESET_ID is not defined or invalid.');
    if (!toStr(f.NAME)) throw restErrors.core('NAME is not defined.');
    const id = ctx.state.nextId('requisite');
    const r: Requisite = { ID: id, ACTIVE: 'Y', SORT: 500, DATE_CREATE: stampNow(ctx), CREATED_BY_ID: ctx.userId };
    apply(ctx, r, f);
    ctx.state.requisites.set(id, r);
    return { result: id };
  }),
  def('crm.requisite.update', 'crm', (ctx, params) => {
    apply(ctx, mustFind(ctx, requireInt(params, 'id')), optionalRecord(params, 'fields'));
    return { result: true };
  }),
  def('crm.requisite.get', 'crm', (ctx, params) => ({ result: out(mustFind(ctx, requireInt(params, 'id')), ctx.config.timezone, []) })),
  def('crm.requisite.delete', 'crm', (ctx, params) => {
    ctx.state.requisites.delete(Number(mustFind(ctx, requireInt(params, 'id')).ID));
    return { result: true };
  }),
  def('crm.requisite.list', 'crm', (ctx, params) => {
    const test = compileFilter(param(params, 'filter'), resolver, { allowLogic: false, offset: ctx.config.timezone });
    const rows = [...ctx.state.requisites.values()].filter(test).sort(compileOrder(param(params, 'order'), resolver, (r) => Number(r.ID)));
    const select = asList(param(params, 'select')).map(String);
    return pagedOutput(page(rows, startParam(params)), (list) => list.map((r) => out(r, ctx.config.timezone, select)));
  }),
  def('crm.requisite.fields', 'crm', () => ({
    result: Object.fromEntries(ALL.map((n) => [n, { type: NUMERIC.includes(n) ? 'integer' : DATES.includes(n) ? 'datetime' : 'string', isRequired: ['ENTITY_TYPE_ID', 'ENTITY_ID', 'PRESET_ID', 'NAME'].includes(n), isReadOnly: n === 'ID' || DATES.includes(n), isImmutable: false, isMultiple: false, isDynamic: false, title: n }])),
  })),
];
