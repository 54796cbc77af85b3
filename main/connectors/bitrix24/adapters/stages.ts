/** Funnels (directions) and deal stages for the status ↔ stage table (O5; ref §7). */
import type { Bitrix24Client } from '../client';
import { isObject } from '../envelope';

export interface DealCategory {
  id: number;
  name: string;
  isDefault: boolean;
  sort: number;
}

export interface DealStage {
  /** STATUS_ID: "NEW", "WON" in funnel 0; "C1:NEW" in funnel 1. */
  id: string;
  name: string;
  categoryId: number;
  sort: number;
  semantics: 'process' | 'success' | 'failure';
}

export async function listDealCategories(client: Bitrix24Client): Promise<DealCategory[]> {
  const res = await client.call('crm.category.list', { entityTypeId: 2 });
  const list = isObject(res.result) && Array.isArray(res.result.categories) ? res.result.categories.filter(isObject) : [];
  return list.map((c) => ({ id: Number(c.id), name: String(c.name ?? ''), isDefault: c.isDefault === 'Y' || c.isDefault === true, sort: Number(c.sort ?? 0) }))
    .sort((a, b) => a.sort - b.sort || a.id - b.id);
}

/** Stages of the given funnels (default: all), in one batch. */
export async function listDealStages(client: Bitrix24Client, categoryIds?: number[]): Promise<DealStage[]> {
  const ids = categoryIds ?? (await listDealCategories(client)).map((c) => c.id);
  const cmds = Object.fromEntries(ids.map((id) => [`s${id}`, { method: 'crm.status.list', params: { filter: { ENTITY_ID: id === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${id}` }, order: { SORT: 'ASC' } } }]));
  const res = await client.batch(cmds);
  const out: DealStage[] = [];
  for (const id of ids) {
    const o = res[`s${id}`];
    if (!o.ok) throw o.error;
    for (const s of Array.isArray(o.result) ? o.result.filter(isObject) : []) {
      const sem = String(s.SEMANTICS ?? '');
      out.push({ id: String(s.STATUS_ID), name: String(s.NAME ?? ''), categoryId: id, sort: Number(s.SORT ?? 0), semantics: sem === 'S' ? 'success' : sem === 'F' ? 'failure' : 'process' });
    }
  }
  return out;
}

/** Funnel of a stage code: "C3:NEW" → 3, "NEW" → 0. */
export function categoryOfStage(stageId: string): number {
  const m = /^C(\d+):/.exec(stageId);
  return m ? Number(m[1]) : 0;
}
