// Funnels, stages, currencies, requisite presets (ref §5, §7): crm.category.list, crm.status.list,
// crm.currency.list, crm.requisite.preset.list.
import { restErrors } from '../core/errors';
import { param, toInt } from '../core/params';
import { compileFilter, type FilterField } from '../query/filter';
import { compileOrder } from '../query/order';
import { currencies, requisitePresets } from '../state/dictionaries';
import type { CrmStatus } from '../state/types';
import { def, type MethodDef } from './types';

const statusResolver = (name: string): FilterField<CrmStatus> | undefined => {
  if (!['ID', 'ENTITY_ID', 'STATUS_ID', 'NAME', 'SORT', 'CATEGORY_ID', 'SEMANTICS', 'SYSTEM'].includes(name)) return undefined;
  return { kind: ['ID', 'SORT', 'CATEGORY_ID'].includes(name) ? 'number' : 'string', get: (s) => s[name as keyof CrmStatus] };
};

const SEMANTIC_WORD = { S: 'success', F: 'failure' } as const;

function statusOut(s: CrmStatus): Record<string, unknown> {
  return {
    ID: String(s.ID), ENTITY_ID: s.ENTITY_ID, STATUS_ID: s.STATUS_ID, NAME: s.NAME, NAME_INIT: s.SYSTEM === 'Y' ? s.NAME : '',
    SORT: String(s.SORT), SYSTEM: s.SYSTEM, CATEGORY_ID: s.CATEGORY_ID === null ? null : String(s.CATEGORY_ID), COLOR: s.COLOR,
    SEMANTICS: s.SEMANTICS, EXTRA: { SEMANTICS: s.SEMANTICS ? SEMANTIC_WORD[s.SEMANTICS] : 'process', COLOR: s.COLOR },
  };
}

export const crmDictionaryMethods: MethodDef[] = [
  def('crm.category.list', 'crm', (ctx, params) => {
    const t = toInt(param(params, 'entityTypeId'));
    if (t !== 2 && t !== 3 && t !== 4) throw restErrors.spaNotFound();
    const cats = t === 2 ? [...ctx.state.categories.values()] : [{ id: 0, name: 'Общая', sort: 100, isDefault: 'Y' as const }];
    const categories = cats.sort((a, b) => a.sort - b.sort).map((c) => ({ id: c.id, name: c.name, sort: c.sort, entityTypeId: t, isDefault: c.isDefault }));
    return { result: { categories }, total: categories.length };
  }),
  def('crm.status.list', 'crm', (ctx, params) => {
    const test = compileFilter(param(params, 'filter'), statusResolver, { allowLogic: false, offset: ctx.config.timezone });
    const order = param(params, 'order') ?? { SORT: 'ASC' };
    const list = [...ctx.state.statuses.values()].filter(test).sort(compileOrder(order, statusResolver, (s) => s.ID));
    return { result: list.map(statusOut), total: list.length };
  }),
  def('crm.currency.list', 'crm', () => ({ result: currencies.map((c) => ({ ...c, AMOUNT_CNT: String(c.AMOUNT_CNT), AMOUNT: c.AMOUNT.toFixed(4), SORT: String(c.SORT) })), total: currencies.length })),
  def('crm.requisite.preset.list', 'crm', () => ({ result: requisitePresets, total: requisitePresets.length })),
];
