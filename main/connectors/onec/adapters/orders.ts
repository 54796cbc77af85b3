/**
 * Customer orders (O1–O5): Документ.ЗаказПокупателя with the Товары section (ref §2.5). A person is the card
 * owner (ВладелецДисконтнойКарты, composite) with their card; a company is Контрагент. Store, organisation and
 * warehouse come from the options. After writing, the order is posted; a posting refusal is reported for that
 * order only (OnecPostingError carries the saved, unposted order). The Bitrix24 deal id is kept in
 * НомерЗаказаНаСайте (see marker.ts) and found by findByExternalRef after a crash.
 */
import type { Order, OrderLine, SourceRecord } from '../../../../shared/domain';
import { roundMoney } from '../../../../shared/money';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import { ChangeFeed, type FeedSource, type FetchedRecord, type ScanResult } from '../change-feed';
import type { ODataRow } from '../client';
import { EMPTY_GUID, isoToNaive, naiveToIso, refOrNull, toBool, toMoney, toQuantity, toStr } from '../convert';
import { OnecConcurrencyError, OnecConfigError, OnecError, OnecMappingError } from '../errors';
import { ORDER_MARKER_MAX } from '../marker';
import type { OnecNames } from '../metadata-requirements';
import { publishedBody, publishedOnly, setProperties, tabularProperties } from '../metadata';
import { DEFAULTS, type OnecContext } from '../options';
import { stringLiteral } from '../query';
import { fetchByIds, missingIds } from '../reads';
import type { ReferenceCache } from '../reference';
import type { SnapshotEntry } from '../snapshot';
import { SafeWriter } from '../writer';
import { CardBook } from './cards';
import { customerOf } from './customer-ref';
import { scanWindow } from './documents';
import { vatFromOnec, vatPercent, vatToOnec } from './vat';

export class OnecOrderAdapter implements EntityAdapter<'order'>, FeedSource<Order> {
  readonly entity = 'order' as const;
  readonly scope = 'onec:order';
  private readonly feed: ChangeFeed<Order>;
  private readonly writer: SafeWriter;
  private readonly cards: CardBook;

  constructor(
    private readonly ctx: OnecContext,
    private readonly refs: ReferenceCache,
  ) {
    this.feed = new ChangeFeed(this, ctx.snapshots, { pageSize: ctx.options.pageSize, now: () => ctx.now().getTime() });
    this.writer = new SafeWriter(ctx.client, () => ctx.model);
    this.cards = new CardBook(ctx);
  }

  private get n() {
    return this.ctx.names.order;
  }

  private get set(): string {
    return this.n.set;
  }

  private has(field: string): boolean {
    return setProperties(this.ctx.model, this.set)?.has(field) ?? false;
  }

  private select(): string[] {
    const n = this.n;
    return publishedOnly(this.ctx.model, this.set, [
      'Ref_Key', 'DataVersion', 'DeletionMark', 'Number', 'Date', 'Posted',
      n.company, n.card, n.cardOwner, `${n.cardOwner}_Type`, n.status, n.cancelled, n.amount, n.comment, n.siteNumber, n.lines,
    ]);
  }

  private isOpen(row: ODataRow): boolean {
    return !this.n.closedStatuses.includes(toStr(row[this.n.status]));
  }

  // ---------- change detection ----------

  listChanges(cursor: string | null): Promise<ChangePage<Order>> {
    return this.feed.listChanges(cursor);
  }

  scan(snapshot: Map<string, SnapshotEntry>): Promise<ScanResult> {
    return scanWindow(
      {
        client: this.ctx.client,
        set: this.set,
        select: [this.n.status],
        windowDays: this.ctx.options.orderWindowDays ?? DEFAULTS.orderWindowDays,
        now: this.ctx.now(),
        timeZone: this.ctx.options.timeZone,
        keyPageSize: this.ctx.options.keyPageSize ?? DEFAULTS.keyPageSize,
        isOpen: (r) => this.isOpen(r),
        version: (r) => toStr(r.DataVersion),
      },
      snapshot,
    );
  }

  async fetch(ids: string[]): Promise<Map<string, FetchedRecord<Order>>> {
    const rows = await fetchByIds(this.ctx.client, this.set, ids, this.select());
    const out = new Map<string, FetchedRecord<Order>>();
    const names = await this.refs.names([...rows.values()].flatMap((r) => this.lineRows(r).map((l) => toStr(l[this.ctx.names.orderLine.product]))));
    for (const [id, row] of rows) {
      try {
        const record = this.toRecord(row, names);
        out.set(id, { record, entry: { version: record.version, date: toStr(row.Date), open: !record.deleted && this.isOpen(row) } });
      } catch (err) {
        if (!(err instanceof OnecMappingError)) throw err;
        this.ctx.report({ entity: 'order', id, message: err.message });
      }
    }
    return out;
  }

  confirmGone(ids: string[]): Promise<string[]> {
    return missingIds(this.ctx.client, this.set, ids);
  }

  private lineRows(row: ODataRow): ODataRow[] {
    const rows = row[this.n.lines];
    return Array.isArray(rows) ? [...(rows as ODataRow[])].sort((a, b) => Number(a.LineNumber) - Number(b.LineNumber)) : [];
  }

  private toRecord(row: ODataRow, names: Map<string, string>): SourceRecord<Order> {
    const n = this.n;
    const l = this.ctx.names.orderLine;
    const number = toStr(row.Number).trim();
    const lines: OrderLine[] = this.lineRows(row).map((r) => {
      const productId = refOrNull(r[l.product]);
      return {
        productId,
        name: productId ? (names.get(productId) ?? '') : '',
        quantity: toQuantity(r[l.quantity]),
        price: toMoney(r[l.price]),
        discountAmount: roundMoney(toMoney(r[l.manualDiscountAmount]) + toMoney(r[l.autoDiscountAmount])),
        amount: toMoney(r[l.amount]),
        vatRate: vatFromOnec(r[l.vat], this.ctx.names, `Заказ ${number}`),
      };
    });
    const customer = customerOf(row, n.company, n.cardOwner, this.ctx);
    const data: Order = {
      number,
      date: naiveToIso(row.Date, this.ctx.options.timeZone) ?? '',
      customer,
      status: toStr(row[n.status]),
      lines,
      amount: toMoney(row[n.amount]),
      currency: this.ctx.options.currency ?? DEFAULTS.currency,
      comment: toStr(row[n.comment]) || undefined,
      cancelled: toBool(row[n.cancelled]),
    };
    return { id: toStr(row.Ref_Key).toLowerCase(), version: toStr(row.DataVersion), deleted: toBool(row.DeletionMark), data };
  }

  // ---------- reads by id ----------

  private async readRow(id: string): Promise<ODataRow | null> {
    return (await fetchByIds(this.ctx.client, this.set, [id.toLowerCase()], this.select())).get(id.toLowerCase()) ?? null;
  }

  async get(id: string): Promise<SourceRecord<Order> | null> {
    const row = await this.readRow(id);
    if (!row) return null;
    const names = await this.refs.names(this.lineRows(row).map((r) => toStr(r[this.ctx.names.orderLine.product])));
    return this.toRecord(row, names);
  }

  async findByExternalRef(externalRef: string): Promise<SourceRecord<Order> | null> {
    const rows = await this.ctx.client.list(this.set, { select: ['Ref_Key', 'DeletionMark'], filter: `${this.n.siteNumber} eq ${stringLiteral(externalRef)}`, top: 10 });
    const live = rows.find((r) => !toBool(r.DeletionMark)) ?? rows[0];
    return live ? this.get(toStr(live.Ref_Key)) : null;
  }

  // ---------- writes ----------

  private lineBody(lines: OrderLine[], priceIncludesVat: boolean): ODataRow[] {
    const l = this.ctx.names.orderLine;
    return lines.map((line, i) => {
      if (!line.productId) throw new OnecMappingError(`Строка ${i + 1} «${line.name}»: товар не связан с номенклатурой 1С. Свяжите товар Битрикс24 с товаром 1С и повторите обмен.`);
      const gross = roundMoney(line.price * line.quantity);
      const rate = vatPercent(line.vatRate);
      const vat = rate === 0 ? 0 : roundMoney(priceIncludesVat ? (line.amount * rate) / (100 + rate) : (line.amount * rate) / 100);
      return {
        LineNumber: i + 1,
        [l.product]: line.productId,
        [l.quantity]: line.quantity,
        [l.packQuantity]: line.quantity,
        [l.price]: line.price,
        [l.amount]: line.amount,
        [l.vat]: vatToOnec(line.vatRate, this.ctx.names),
        [l.vatAmount]: vat,
        [l.manualDiscountPercent]: gross > 0 ? roundMoney((line.discountAmount / gross) * 100) : 0,
        [l.manualDiscountAmount]: line.discountAmount,
        [l.autoDiscountAmount]: 0,
        [l.lineCode]: i + 1,
      };
    });
  }

  private async customerFields(order: Order): Promise<ODataRow> {
    const n = this.n;
    const empty = { [n.company]: EMPTY_GUID, [n.cardOwner]: '', [`${n.cardOwner}_Type`]: 'StandardODATA.Undefined', [n.card]: EMPTY_GUID };
    const retail = this.ctx.options.retailCustomerId;
    if (!order.customer) return { ...empty, ...(retail ? { [n.company]: retail } : {}) };
    const ownerSet = order.customer.kind === 'company' ? this.ctx.names.company.set : this.ctx.names.person.set;
    const card = (await this.cards.forOwners([order.customer.id], ownerSet)).get(order.customer.id.toLowerCase());
    return {
      ...empty,
      [n.company]: order.customer.kind === 'company' ? order.customer.id : (retail ?? EMPTY_GUID),
      [n.cardOwner]: order.customer.id,
      [`${n.cardOwner}_Type`]: `StandardODATA.${ownerSet}`,
      ...(card ? { [n.card]: card.id } : {}),
    };
  }

  private async body(order: Order, externalRef: string | undefined, isNew: boolean): Promise<ODataRow> {
    const n = this.n;
    const o = this.ctx.options;
    const priceIncludesVat = o.priceIncludesVat ?? true;
    const lines = this.lineBody(order.lines, priceIncludesVat);
    // A document whose header sum disagrees with its rows is not something 1С's forms produce.
    const amount = order.lines.length > 0 ? roundMoney(order.lines.reduce((s, x) => s + x.amount, 0)) : order.amount;
    const body: ODataRow = {
      ...(await this.customerFields(order)),
      [n.status]: order.status || o.defaultOrderStatus || DEFAULTS.defaultOrderStatus,
      [n.cancelled]: order.cancelled,
      [n.amount]: amount,
      [n.comment]: order.comment ?? '',
      [n.lines]: lines,
    };
    if (this.has(n.maxLineCode)) body[n.maxLineCode] = lines.length;
    if (isNew) {
      if (!o.storeId || !o.organisationId || !o.warehouseId) {
        throw new OnecConfigError('Для новых заказов в 1С не выбраны магазин, организация или склад. Укажите их в настройках сопоставления (раздел «Заказы»).');
      }
      Object.assign(body, {
        Date: isoToNaive(order.date || this.ctx.now(), o.timeZone),
        [n.store]: o.storeId,
        [n.organisation]: o.organisationId,
        [n.warehouse]: o.warehouseId,
        [n.priceIncludesVat]: priceIncludesVat,
      });
      if (externalRef) {
        if (externalRef.length > ORDER_MARKER_MAX) {
          throw new OnecMappingError(`Номер сделки Битрикс24 «${externalRef}» длиннее ${ORDER_MARKER_MAX} символов и не помещается в поле «Номер заказа на сайте» 1С.`);
        }
        body[n.siteNumber] = externalRef;
        if (this.has(n.siteDate) && order.date) body[n.siteDate] = isoToNaive(order.date, o.timeZone);
      }
    }
    return body;
  }

  private label(record: SourceRecord<Order> | null, id: string): string {
    return `Заказ покупателя ${record?.data.number ?? id}`;
  }

  private async postIfWanted(id: string): Promise<void> {
    if (this.ctx.options.postOrders === false) return;
    const record = await this.get(id);
    await this.writer.post(this.set, id, this.label(record, id), async () => (await this.get(id)) ?? record);
  }

  async create(data: Order, options: WriteOptions): Promise<SourceRecord<Order>> {
    // Unpublished optional fields (Отменено, КодСтроки …) are not sent.
    const body = publishedBody(this.ctx.model, this.set, await this.body(data, options.externalRef, true));
    const created = await this.writer.create(this.set, body);
    const id = toStr(created.Ref_Key).toLowerCase();
    await this.postIfWanted(id);
    return this.mustGet(id);
  }

  async update(id: string, data: Order, options: WriteOptions): Promise<SourceRecord<Order>> {
    const row = await this.readRow(id);
    if (!row) throw new OnecError('NOT_FOUND', `Заказ ${id} не найден в 1С — возможно, он удалён. Обмен снимет связь.`);
    const version = toStr(row.DataVersion);
    if (options.expectedVersion !== undefined && version !== options.expectedVersion) throw new OnecConcurrencyError(this.set, id, options.expectedVersion, version);
    const names = await this.refs.names(this.lineRows(row).map((r) => toStr(r[this.ctx.names.orderLine.product])));
    const before = this.toRecord(row, names);
    // A no-op PATCH still bumps DataVersion (ref §1.4) and would echo back to Bitrix24: write only real changes.
    // A field this release does not publish cannot be written, so a difference there is not a change.
    if (sameOrder(before.data, data, { cancelled: !this.has(this.n.cancelled), comment: !this.has(this.n.comment) })) {
      if (!toBool(row.Posted) && !before.deleted) await this.postIfWanted(id);
      return this.mustGet(id);
    }
    const body = await this.body(data, undefined, false);
    const n = this.n;
    if (sameLines(before.data.lines, data.lines)) {
      // PATCH replaces a tabular section sent (ref §1.6): not sending unchanged lines keeps what only 1С knows
      // about them (characteristics, packs, line keys).
      delete body[n.lines];
      delete body[n.amount];
      delete body[n.maxLineCode];
    } else {
      const rowProps = tabularProperties(this.ctx.model, this.set, n.lines) ?? new Map();
      const intColumns = new Set([...rowProps.values()].filter((p) => /^Edm\.Int(16|32|64)$/.test(p.type)).map((p) => p.name));
      const lines = mergeLines(this.lineRows(row), body[n.lines] as ODataRow[], this.ctx.names.orderLine, intColumns);
      body[n.lines] = lines;
      if (this.has(n.maxLineCode)) body[n.maxLineCode] = Math.max(0, ...lines.map((r) => Number(r[this.ctx.names.orderLine.lineCode]) || 0));
    }
    await this.writer.patch(this.set, id, publishedBody(this.ctx.model, this.set, body), version);
    await this.postIfWanted(id);
    return this.mustGet(id);
  }

  private async mustGet(id: string): Promise<SourceRecord<Order>> {
    const r = await this.get(id);
    if (!r) throw new OnecError('NOT_FOUND', `Заказ ${id} записан, но при повторном чтении не найден в 1С.`);
    return r;
  }

  async markDeleted(id: string, options: WriteOptions): Promise<void> {
    await this.writer.markDeleted(this.set, id, options.expectedVersion, true);
  }
}

const lineKey = (l: OrderLine): string => [l.productId ?? '', l.quantity, roundMoney(l.price), roundMoney(l.discountAmount), roundMoney(l.amount), l.vatRate].join('|');

function sameLines(a: OrderLine[], b: OrderLine[]): boolean {
  return a.length === b.length && a.every((l, i) => lineKey(l) === lineKey(b[i]));
}

/**
 * New rows for the Товары section, keeping the columns the exchange does not map (characteristic, pack, line
 * key, warehouse …) of a row that still holds the same product at the same position, and its line code; new
 * rows get codes above the current maximum. A pack is dropped when the quantity changes (the exchange counts
 * in base units).
 */
export function mergeLines(current: ODataRow[], next: ODataRow[], l: OnecNames['orderLine'], intColumns: ReadonlySet<string> = new Set()): ODataRow[] {
  let maxCode = Math.max(0, ...current.map((r) => Number(r[l.lineCode]) || 0));
  return next.map((row, i) => {
    const cur = current[i];
    if (!cur || refOrNull(cur[l.product]) !== refOrNull(row[l.product])) return { ...row, [l.lineCode]: ++maxCode };
    const kept: ODataRow = {};
    for (const [k, v] of Object.entries(cur)) {
      if (k === 'Ref_Key' || k === 'LineNumber' || k.includes('@')) continue;
      // Int64 comes as a string but must go back as a number: a string is silently ignored (ref §1.4, §1.6).
      kept[k] = intColumns.has(k) && typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    }
    const out: ODataRow = { ...kept, ...row, [l.lineCode]: Number(cur[l.lineCode]) || ++maxCode };
    if (refOrNull(cur[l.pack])) {
      if (Number(cur[l.quantity]) === row[l.quantity]) out[l.packQuantity] = cur[l.packQuantity];
      else out[l.pack] = EMPTY_GUID;
    }
    return out;
  });
}

/**
 * The fields an update writes are equal (number, date and amount are derived or fixed at creation). `ignore`:
 * fields the published metadata lacks, which an update cannot write.
 */
export function sameOrder(a: Order, b: Order, ignore: { cancelled?: boolean; comment?: boolean } = {}): boolean {
  return (
    a.status === (b.status || a.status) &&
    (ignore.cancelled === true || a.cancelled === b.cancelled) &&
    (ignore.comment === true || (a.comment ?? '') === (b.comment ?? '')) &&
    (a.customer?.kind ?? '') === (b.customer?.kind ?? '') &&
    (a.customer?.id.toLowerCase() ?? '') === (b.customer?.id.toLowerCase() ?? '') &&
    sameLines(a.lines, b.lines)
  );
}

