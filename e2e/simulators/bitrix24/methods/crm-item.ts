// crm.item.* for entityTypeId 2 (deal), 3 (contact), 4 (company) (ref §4.1, §5, §7): camelCase fields,
// `result.item` / `result.items`, `fm` for multifields, NOT_FOUND for missing ids (D crm-item-get.md).
import { restErrors } from '../core/errors';
import { asList, isYes, optionalRecord, param, requireInt, startParam, toInt, type Params } from '../core/params';
import { fieldByCamel, hasMultifields, ufEntityId, ufToCamel } from '../crm/fields';
import { describeFields } from '../crm/fields-output';
import { formatItem, parseItemSelect } from '../crm/format';
import { queryRecords } from '../crm/list';
import { fmOps } from '../crm/multifields';
import { createRecord, deleteRecord, findRecord, updateRecord, type CrmInput } from '../crm/records';
import { itemResolver } from '../crm/resolvers';
import { page, pagedOutput } from '../query/paging';
import type { PortalState } from '../state/store';
import type { CrmKind, CrmRecord } from '../state/types';
import { def, type Ctx, type MethodDef } from './types';

export const KIND_BY_TYPE: Record<number, CrmKind> = { 2: 'deal', 3: 'contact', 4: 'company' };

export function kindOf(params: Params): CrmKind {
  const t = toInt(param(params, 'entityTypeId'));
  const kind = t === null ? undefined : KIND_BY_TYPE[t];
  if (!kind) throw restErrors.spaNotFound();
  return kind;
}

export function itemInput(state: PortalState, kind: CrmKind, fields: Record<string, unknown>): CrmInput {
  const out: Record<string, unknown> = {};
  const ufs = state.userFieldsOf(ufEntityId(kind));
  let ops: CrmInput['fmOps'] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'fm') {
      if (hasMultifields(kind)) ops = fmOps(v);
      continue;
    }
    const d = fieldByCamel(kind, k);
    if (d) {
      out[d.name] = v;
      continue;
    }
    const uf = ufs.find((u) => ufToCamel(u.FIELD_NAME) === k || u.FIELD_NAME === k);
    if (uf) out[uf.FIELD_NAME] = v;
  }
  return { fields: out, fmOps: ops };
}

function mustFind(ctx: Ctx, kind: CrmKind, id: number): CrmRecord {
  const rec = findRecord(ctx, kind, id);
  if (!rec) throw restErrors.itemNotFound();
  return rec;
}

const full = (ctx: Ctx, kind: CrmKind, rec: CrmRecord, params: Params): Record<string, unknown> =>
  formatItem(ctx.state, kind, rec, ctx.config.timezone, parseItemSelect(null), isYes(param(params, 'useOriginalUfNames')));

export const crmItemMethods: MethodDef[] = [
  def('crm.item.add', 'crm', (ctx, params) => {
    const kind = kindOf(params);
    const rec = createRecord(ctx, kind, itemInput(ctx.state, kind, optionalRecord(params, 'fields')), 'item');
    return { result: { item: full(ctx, kind, rec, params) } };
  }),
  def('crm.item.update', 'crm', (ctx, params) => {
    const kind = kindOf(params);
    const rec = mustFind(ctx, kind, requireInt(params, 'id'));
    updateRecord(ctx, kind, rec, itemInput(ctx.state, kind, optionalRecord(params, 'fields')), 'item');
    return { result: { item: full(ctx, kind, rec, params) } };
  }),
  def('crm.item.get', 'crm', (ctx, params) => {
    const kind = kindOf(params);
    return { result: { item: full(ctx, kind, mustFind(ctx, kind, requireInt(params, 'id')), params) } };
  }),
  def('crm.item.list', 'crm', (ctx, params) => {
    const kind = kindOf(params);
    const rows = queryRecords(ctx, kind, param(params, 'filter'), param(params, 'order'), itemResolver(ctx.state, kind), true);
    const select = parseItemSelect(asList(param(params, 'select')));
    const original = isYes(param(params, 'useOriginalUfNames'));
    return pagedOutput(page(rows, startParam(params)), (list) => ({ items: list.map((r) => formatItem(ctx.state, kind, r, ctx.config.timezone, select, original)) }));
  }),
  def('crm.item.delete', 'crm', (ctx, params) => {
    const kind = kindOf(params);
    deleteRecord(ctx, kind, mustFind(ctx, kind, requireInt(params, 'id')).ID);
    return { result: [] };
  }),
  def('crm.item.fields', 'crm', (ctx, params) => ({ result: { fields: describeFields(ctx.state, kindOf(params), true) } })),
];
