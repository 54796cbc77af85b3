// Deal funnel/stage rules (ref §7): new deals start in funnel 0 at its first stage; `crm.deal.update` cannot
// move a deal to another funnel (CATEGORY_ID is ignored) — `crm.item.update` `categoryId` can, and the stage
// resets to the new funnel's first stage unless given. Stage codes must belong to the deal's funnel.
import { restErrors } from '../core/errors';
import { stampNow, type Ctx } from '../methods/types';

export type DealWriteMode = 'legacy' | 'item';

export function applyDealRules(ctx: Ctx, prev: Record<string, unknown>, fields: Record<string, unknown>, mode: DealWriteMode, isNew: boolean): void {
  const state = ctx.state;
  if (!isNew && mode === 'legacy') delete fields.CATEGORY_ID;
  const prevCat = (prev.CATEGORY_ID as number | undefined) ?? 0;
  const cat = (fields.CATEGORY_ID as number | null | undefined) ?? (isNew ? 0 : prevCat);
  if (!state.categories.has(cat)) throw restErrors.core(`Category ${cat} not found.`);
  fields.CATEGORY_ID = cat;
  const stages = state.stagesOf(cat);
  let stageId = fields.STAGE_ID as string | null | undefined;
  if (stageId === undefined || stageId === null || stageId === '') {
    stageId = isNew || cat !== prevCat ? stages[0].STATUS_ID : (prev.STAGE_ID as string);
  }
  const stage = stages.find((s) => s.STATUS_ID === stageId);
  if (!stage) throw restErrors.core(`Stage "${stageId}" does not belong to funnel ${cat}.`);
  fields.STAGE_ID = stageId;
  if (isNew || stageId !== prev.STAGE_ID) {
    fields.STAGE_SEMANTIC_ID = stage.SEMANTICS ?? 'P';
    fields.CLOSED = stage.SEMANTICS ? 'Y' : 'N';
    fields.MOVED_TIME = stampNow(ctx);
    fields.MOVED_BY_ID = ctx.userId;
  }
  if (isNew) {
    fields.CURRENCY_ID ??= 'RUB';
    fields.OPPORTUNITY ??= 0;
    fields.IS_MANUAL_OPPORTUNITY ??= 'N';
    fields.TAX_VALUE ??= 0;
  }
}
