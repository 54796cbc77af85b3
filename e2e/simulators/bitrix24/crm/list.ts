// Filter + order over a CRM table.
import { compileFilter, type FieldResolver } from '../query/filter';
import { compileOrder } from '../query/order';
import type { Ctx } from '../methods/types';
import type { CrmKind, CrmRecord } from '../state/types';

export function queryRecords(ctx: Ctx, kind: CrmKind, filter: unknown, order: unknown, resolve: FieldResolver<CrmRecord>, allowLogic: boolean): CrmRecord[] {
  const test = compileFilter(filter, resolve, { allowLogic, offset: ctx.config.timezone });
  const rows = [...ctx.state.crmTable(kind).values()].filter(test);
  return rows.sort(compileOrder(order, resolve, (r) => r.ID));
}
