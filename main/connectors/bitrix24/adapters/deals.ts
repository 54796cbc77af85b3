/**
 * Orders ⇄ deals — EntityAdapter<'order'>: funnel (category), stage, contact/company, amount, currency,
 * ORIGINATOR_ID/ORIGIN_ID, product rows via crm.item.productrow.set (replaces the whole list, ref §7).
 * Moving a deal to another funnel goes through crm.item.update (crm.deal.update cannot, ref §7).
 */
import type { Order, SourceRecord } from '../../../../shared/domain';
import { moneyEquals } from '../../../../shared/money';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import { runJobs, type Job } from '../batch';
import { decodeCursor, encodeCursor, sweepChanges, type SweepState } from '../changes';
import { isObject } from '../envelope';
import { Bitrix24Error, conflictError } from '../errors';
import { recordVersion } from '../version';
import type { AdapterContext } from './context';
import { dealToOrder, defaultTitle, lineToRow, orderFields, sameLines } from './deal-map';
import { numericId } from './ids';
import { categoryOfStage } from './stages';

type Row = Record<string, unknown>;

const SELECT = ['ID', 'TITLE', 'CATEGORY_ID', 'STAGE_ID', 'STAGE_SEMANTIC_ID', 'CURRENCY_ID', 'OPPORTUNITY', 'IS_MANUAL_OPPORTUNITY', 'CONTACT_ID', 'COMPANY_ID', 'BEGINDATE', 'DATE_CREATE', 'DATE_MODIFY', 'MODIFY_BY_ID', 'COMMENTS', 'ORIGIN_ID', 'ORIGINATOR_ID'];

export class Bitrix24DealAdapter implements EntityAdapter<'order'> {
  readonly entity = 'order' as const;

  constructor(private readonly ctx: AdapterContext) {}

  async get(id: string): Promise<SourceRecord<Order> | null> {
    const n = numericId(id, 'deal');
    const [deal, rows] = await Promise.all([this.readDeal(n), this.readRows(n)]);
    return deal ? this.toRecord(deal, rows) : null;
  }

  async create(data: Order, options: WriteOptions): Promise<SourceRecord<Order>> {
    validate(data);
    const ref = options.externalRef;
    if (ref) {
      const existing = await this.findOne(ref);
      if (existing) return this.update(String(existing.ID), data, { ...options, expectedVersion: undefined });
    }
    const o = this.ctx.options;
    const fields: Row = { ...orderFields(data, (o.deal.title ?? defaultTitle)(data)), CATEGORY_ID: data.status ? categoryOfStage(data.status) : o.deal.categoryId, ORIGINATOR_ID: o.originatorId };
    if (!data.currency) fields.CURRENCY_ID = o.deal.currency;
    if (ref) fields.ORIGIN_ID = ref;
    const job: Job = { method: 'crm.deal.add', params: { fields, params: { REGISTER_SONET_EVENT: 'N' } } };
    if (ref) job.lookup = { command: this.byOrigin(ref), pick: (r) => (Array.isArray(r) && isObject(r[0]) ? Number(r[0].ID) : null) };
    const id = Number(await this.ctx.rpc.run(job));
    await this.setRows(id, data);
    return this.mustGet(String(id));
  }

  async update(id: string, data: Order, options: WriteOptions): Promise<SourceRecord<Order>> {
    validate(data);
    const n = numericId(id, 'deal');
    const [deal, rows] = await Promise.all([this.readDeal(n), this.readRows(n)]);
    if (!deal) throw notFound(id);
    const before = this.toRecord(deal, rows);
    if (options.expectedVersion && before.version !== options.expectedVersion) throw conflictError(`сделка ${id}`, options.expectedVersion, before.version);
    const cur = before.data;
    const linesChanged = !sameLines(cur.lines, data.lines);
    const fieldsChanged = cur.status !== data.status && !!data.status
      || cur.currency !== data.currency || !moneyEquals(cur.amount, data.amount) || (cur.comment ?? '') !== (data.comment ?? '')
      || (cur.customer?.id ?? '') !== (data.customer?.id ?? '') || (cur.date.slice(0, 10) !== data.date.slice(0, 10) && !!data.date);
    if (!linesChanged && !fieldsChanged) return before;

    const fields = orderFields(data, String(deal.TITLE ?? defaultTitle(data)));
    const targetCategory = data.status ? categoryOfStage(data.status) : Number(deal.CATEGORY_ID ?? 0);
    if (linesChanged) await this.setRows(n, data);
    if (targetCategory !== Number(deal.CATEGORY_ID ?? 0)) {
      // crm.deal.update ignores CATEGORY_ID: move with crm.item.update, then the rest as usual.
      await this.ctx.rpc.run({ method: 'crm.item.update', params: { entityTypeId: 2, id: n, fields: { categoryId: targetCategory, stageId: data.status } } });
    }
    await this.ctx.rpc.run({ method: 'crm.deal.update', params: { id: n, fields, params: { REGISTER_SONET_EVENT: 'N' } } });
    return this.mustGet(id);
  }

  async markDeleted(id: string): Promise<void> {
    try {
      await this.ctx.rpc.run({ method: 'crm.deal.delete', params: { id: numericId(id, 'deal') } });
    } catch (err) {
      if (!(err instanceof Bitrix24Error && err.code === 'NOT_FOUND')) throw err;
    }
  }

  async findByExternalRef(externalRef: string): Promise<SourceRecord<Order> | null> {
    const row = await this.findOne(externalRef);
    return row ? this.get(String(row.ID)) : null;
  }

  async listChanges(cursor: string | null): Promise<ChangePage<Order>> {
    const prev = decodeCursor<{ deals: SweepState | null }>(cursor);
    const page = await sweepChanges(this.ctx.client, {
      method: 'crm.deal.list', idKey: 'ID', modifiedField: 'DATE_MODIFY', select: SELECT, versionOf: (d) => this.toRecord(d, []).version,
    }, prev?.deals ?? null, this.ctx.sweepOptions());
    const rows = await this.rowsOf(page.rows.map((d) => Number(d.ID)));
    return {
      records: page.rows.map((d) => this.toRecord(d, rows.get(Number(d.ID)) ?? [])),
      deletedIds: page.deletedIds.map(String),
      nextCursor: encodeCursor({ deals: page.state }),
      hasMore: page.hasMore,
    };
  }

  // ---------- helpers ----------

  private async mustGet(id: string): Promise<SourceRecord<Order>> {
    const r = await this.get(id);
    if (!r) throw notFound(id);
    return r;
  }

  private async setRows(dealId: number, data: Order): Promise<void> {
    await this.ctx.rpc.run({ method: 'crm.item.productrow.set', params: { ownerType: 'D', ownerId: dealId, productRows: data.lines.map((l, i) => lineToRow(l, (i + 1) * 10)) } });
  }

  private async readDeal(id: number): Promise<Row | null> {
    try {
      const r = await this.ctx.rpc.run({ method: 'crm.deal.get', params: { id } });
      return isObject(r) ? r : null;
    } catch (err) {
      if (err instanceof Bitrix24Error && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private rowsJob(dealId: number, start = 0): Job {
    return { method: 'crm.item.productrow.list', params: { filter: { '=ownerType': 'D', '=ownerId': dealId }, order: { sort: 'ASC', id: 'ASC' }, start } };
  }

  private async readRows(dealId: number): Promise<Row[]> {
    return (await this.rowsOf([dealId])).get(dealId) ?? [];
  }

  /** Product rows of many deals: one sub-call per deal (batched), more pages for deals with > 50 rows. */
  private async rowsOf(dealIds: number[]): Promise<Map<number, Row[]>> {
    const out = new Map<number, Row[]>(dealIds.map((id) => [id, []]));
    let pending = dealIds.map((id) => ({ id, start: 0 }));
    while (pending.length > 0) {
      const res = await runJobs(this.ctx.client, pending.map((p) => this.rowsJob(p.id, p.start)));
      const next: { id: number; start: number }[] = [];
      res.forEach((o, i) => {
        if (!o.ok) throw o.error;
        const list = isObject(o.result) && Array.isArray(o.result.productRows) ? o.result.productRows.filter(isObject) : [];
        out.get(pending[i].id)!.push(...list);
        if (typeof o.next === 'number' && o.next > pending[i].start) next.push({ id: pending[i].id, start: o.next });
      });
      pending = next;
    }
    return out;
  }

  private byOrigin(ref: string): Job {
    return { method: 'crm.deal.list', params: { filter: { '=ORIGIN_ID': ref, '=ORIGINATOR_ID': this.ctx.options.originatorId }, select: ['ID'], order: { ID: 'ASC' }, start: -1 } };
  }

  private async findOne(ref: string): Promise<Row | null> {
    const list = await this.ctx.rpc.run(this.byOrigin(ref));
    return Array.isArray(list) && isObject(list[0]) ? list[0] : null;
  }

  private toRecord(deal: Row, rows: Row[]): SourceRecord<Order> {
    const data = dealToOrder(deal, rows);
    const modifiedAt = String(deal.DATE_MODIFY ?? '');
    const modifiedBy = deal.MODIFY_BY_ID === undefined || deal.MODIFY_BY_ID === null ? undefined : String(deal.MODIFY_BY_ID);
    return { id: String(deal.ID), version: recordVersion(modifiedAt, modifiedBy, data), deleted: false, modifiedBy, modifiedAt: modifiedAt || undefined, data };
  }
}

function validate(o: Order): void {
  const bad = o.lines.find((l) => !(l.quantity > 0) || l.amount < 0);
  if (bad) throw new Bitrix24Error({ code: 'VALIDATION', message: `bad line ${bad.name}`, userMessage: `В заказе строка «${bad.name}» с количеством ${bad.quantity} и суммой ${bad.amount} не может быть передана в сделку. Исправьте строку в 1С.` });
}

function notFound(id: string): Bitrix24Error {
  return new Bitrix24Error({ code: 'NOT_FOUND', message: `deal ${id} not found`, userMessage: `Сделка ${id} не найдена в Битрикс24 (возможно, её удалили). Проверьте её на портале; обмен снимет связь, если сделка удалена.` });
}
