// crm.<entity>.userfield.add|list|get|update|delete (ref §4.5).
import { legacyNotFound } from '../core/errors';
import { optionalRecord, param, requireInt, toStr } from '../core/params';
import { ufEntityId } from '../crm/fields';
import { addUserField, userFieldOutput } from '../crm/userfields';
import { compileFilter, type FilterField } from '../query/filter';
import type { CrmKind, UserField } from '../state/types';
import { def, type MethodDef } from './types';

const FILTERABLE = ['ID', 'ENTITY_ID', 'FIELD_NAME', 'USER_TYPE_ID', 'XML_ID', 'MULTIPLE', 'MANDATORY', 'SORT'];

export function userFieldMethods(kind: CrmKind): MethodDef[] {
  const p = `crm.${kind}.userfield`;
  const entityId = ufEntityId(kind);
  return [
    def(`${p}.add`, 'crm', (ctx, params) => ({ result: addUserField(ctx.state, entityId, optionalRecord(params, 'fields')) })),
    def(`${p}.list`, 'crm', (ctx, params) => {
      const resolve = (name: string): FilterField<UserField> | undefined =>
        FILTERABLE.includes(name) ? { kind: name === 'ID' || name === 'SORT' ? 'number' : 'string', get: (u) => u[name as keyof UserField] } : undefined;
      const test = compileFilter(param(params, 'filter'), resolve, { allowLogic: false, offset: ctx.config.timezone });
      const list = ctx.state.userFieldsOf(entityId).filter(test).sort((a, b) => a.SORT - b.SORT || a.ID - b.ID);
      return { result: list.map(userFieldOutput), total: list.length };
    }),
    def(`${p}.get`, 'crm', (ctx, params) => {
      const uf = ctx.state.userFields.get(requireInt(params, 'id'));
      if (!uf || uf.ENTITY_ID !== entityId) throw legacyNotFound(ctx.config.notFoundStyle);
      return { result: userFieldOutput(uf) };
    }),
    def(`${p}.update`, 'crm', (ctx, params) => {
      const uf = ctx.state.userFields.get(requireInt(params, 'id'));
      if (!uf || uf.ENTITY_ID !== entityId) throw legacyNotFound(ctx.config.notFoundStyle);
      const f = optionalRecord(params, 'fields');
      if (f.XML_ID !== undefined) uf.XML_ID = toStr(f.XML_ID);
      if (f.LABEL !== undefined || f.EDIT_FORM_LABEL !== undefined) uf.EDIT_FORM_LABEL = toStr(f.LABEL ?? f.EDIT_FORM_LABEL);
      return { result: true };
    }),
    def(`${p}.delete`, 'crm', (ctx, params) => {
      const uf = ctx.state.userFields.get(requireInt(params, 'id'));
      if (!uf || uf.ENTITY_ID !== entityId) throw legacyNotFound(ctx.config.notFoundStyle);
      ctx.state.userFields.delete(uf.ID);
      return { result: true };
    }),
  ];
}
