/**
 * Payments (PAY1, PAY2), read-only: ЧекККМ, ПриходныйКассовыйОрдер, ОплатаОтПокупателяПлатежнойКартой,
 * РегистрацияБезналичнойОплаты (ref §2.6). The order link is the header ЗаказПокупателя_Key, or the composite
 * ДокументОснование when it points to a ЗаказПокупателя. A payment counts (`effective`) when it is posted, not
 * marked for deletion, and — per kind — not a postponed/annulled receipt or an unfinished card payment. A return
 * receipt counts with a negative amount. Deletion-marked payments come as deletions (PAY2: withdrawn).
 */
import type { Payment, PaymentDocumentKind, PaymentMethod, SourceRecord } from '../../../../shared/domain';
import type { ChangePage, EntityAdapter } from '../../types';
import { ChangeFeed, type FeedSource, type FetchedRecord, type ScanEntry, type ScanResult } from '../change-feed';
import type { ODataRow } from '../client';
import { EMPTY_GUID, naiveToIso, refOrNull, toBool, toMoney, toStr } from '../convert';
import { OnecReadOnlyError } from '../errors';
import { publishedOnly, tabularProperties } from '../metadata';
import { DEFAULTS, type OnecContext } from '../options';
import { castLiteral, guidLiteral } from '../query';
import { fetchByIds, missingIds } from '../reads';
import type { ReferenceCache } from '../reference';
import type { SnapshotEntry } from '../snapshot';
import { scanWindow } from './documents';
import { customerOf } from './customer-ref';

interface KindSpec {
  kind: PaymentDocumentKind;
  set: string;
  label: string;
  order?: string;
  basis?: string;
  company: string;
  amount: string;
  extra: string[];
}

export class OnecPaymentAdapter implements EntityAdapter<'payment'>, FeedSource<Payment> {
  readonly entity = 'payment' as const;
  readonly scope = 'onec:payment';
  private readonly feed: ChangeFeed<Payment>;

  constructor(
    private readonly ctx: OnecContext,
    private readonly refs: ReferenceCache,
  ) {
    this.feed = new ChangeFeed(this, ctx.snapshots, { pageSize: ctx.options.pageSize, now: () => ctx.now().getTime() });
  }

  /** The published payment kinds (an unpublished one is reported by the composition check, not fatal here). */
  private kinds(): KindSpec[] {
    const n = this.ctx.names;
    const all: KindSpec[] = [
      { kind: 'receipt', set: n.receipt.set, label: 'Чек ККМ', order: n.receipt.order, company: n.receipt.company, amount: n.receipt.amount, extra: [n.receipt.operation, n.receipt.status, n.receipt.cardOwner, `${n.receipt.cardOwner}_Type`, n.receipt.payments] },
      { kind: 'cashInOrder', set: n.cashIn.set, label: 'Приходный кассовый ордер', order: n.cashIn.order, basis: n.cashIn.basis, company: n.cashIn.company, amount: n.cashIn.amount, extra: [] },
      { kind: 'cardPayment', set: n.cardPayment.set, label: 'Оплата платёжной картой', order: n.cardPayment.order, basis: n.cardPayment.basis, company: n.cardPayment.company, amount: n.cardPayment.amount, extra: [n.cardPayment.done] },
      { kind: 'bankTransfer', set: n.bankPayment.set, label: 'Безналичная оплата', basis: n.bankPayment.basis, company: n.bankPayment.company, amount: n.bankPayment.amount, extra: [] },
    ];
    return all.filter((k) => this.ctx.model.entitySets.has(k.set));
  }

  private select(k: KindSpec): string[] {
    const r = this.ctx.names.receipt;
    const lineOrder = k.kind === 'receipt' ? `${r.lines}/${r.lineOrder}` : undefined;
    return publishedOnly(this.ctx.model, k.set, ['Ref_Key', 'DataVersion', 'DeletionMark', 'Number', 'Date', 'Posted', k.order, k.basis, k.basis && `${k.basis}_Type`, k.company, k.amount, ...k.extra, lineOrder]);
  }

  /** Receipt lines carry their own ЗаказПокупателя (ref §2.6), when that column is published. */
  private hasLineOrder(k: KindSpec): boolean {
    const r = this.ctx.names.receipt;
    return k.kind === 'receipt' && (tabularProperties(this.ctx.model, k.set, r.lines)?.has(r.lineOrder) ?? false);
  }

  /** `Товары/any(d: d/ЗаказПокупателя_Key <op> guid'…')` for receipts (OData lambda, ref §1.5). */
  private lineOrderCondition(k: KindSpec, op: 'eq' | 'ne', id: string): string | null {
    const r = this.ctx.names.receipt;
    return this.hasLineOrder(k) ? `${r.lines}/any(d: d/${r.lineOrder} ${op} ${guidLiteral(id)})` : null;
  }

  // ---------- change detection ----------

  listChanges(cursor: string | null): Promise<ChangePage<Payment>> {
    return this.feed.listChanges(cursor);
  }

  async scan(snapshot: Map<string, SnapshotEntry>): Promise<ScanResult> {
    const results: ScanResult[] = [];
    for (const k of this.kinds()) {
      const linkedOnly = k.kind === 'receipt' && (this.ctx.options.receiptsLinkedToOrdersOnly ?? true) && k.order;
      const byLines = this.lineOrderCondition(k, 'ne', EMPTY_GUID);
      const linked = `${k.order} ne ${guidLiteral(EMPTY_GUID)}`;
      results.push(
        await scanWindow(
          {
            client: this.ctx.client,
            set: k.set,
            select: [],
            filter: linkedOnly ? (byLines ? `(${linked} or ${byLines})` : linked) : undefined,
            windowDays: this.ctx.options.paymentWindowDays ?? DEFAULTS.paymentWindowDays,
            now: this.ctx.now(),
            timeZone: this.ctx.options.timeZone,
            keyPageSize: this.ctx.options.keyPageSize ?? DEFAULTS.keyPageSize,
            // Payments are re-checked only inside the window (a payment cancelled months later is out of reach).
            isOpen: () => false,
            version: (r) => toStr(r.DataVersion),
            tag: k.kind,
          },
          snapshot,
        ),
      );
    }
    const current = new Map<string, ScanEntry>();
    for (const r of results) for (const [id, e] of r.current) current.set(id, e);
    return {
      current,
      prune: results.flatMap((r) => r.prune ?? []),
      inScope: (id, e) => results.some((r) => r.inScope?.(id, e) ?? false),
    };
  }

  async fetch(ids: string[], scan: Map<string, ScanEntry>): Promise<Map<string, FetchedRecord<Payment>>> {
    const out = new Map<string, FetchedRecord<Payment>>();
    for (const k of this.kinds()) {
      const mine = ids.filter((id) => scan.get(id)?.tag === k.kind);
      if (mine.length === 0) continue;
      const rows = await fetchByIds(this.ctx.client, k.set, mine, this.select(k));
      for (const [id, row] of rows) {
        const record = await this.toRecord(k, row);
        out.set(id, { record, entry: { version: record.version, date: toStr(row.Date), open: false, tag: k.kind } });
      }
    }
    return out;
  }

  async confirmGone(ids: string[], snapshot: Map<string, SnapshotEntry>): Promise<string[]> {
    const out: string[] = [];
    for (const k of this.kinds()) {
      const mine = ids.filter((id) => snapshot.get(id)?.tag === k.kind);
      if (mine.length > 0) out.push(...(await missingIds(this.ctx.client, k.set, mine)));
    }
    return out;
  }

  private orderOf(k: KindSpec, row: ODataRow): string | null {
    const direct = k.order ? refOrNull(row[k.order]) : null;
    if (direct) return direct;
    if (k.basis && toStr(row[`${k.basis}_Type`]).endsWith(this.ctx.names.order.set)) return refOrNull(row[k.basis]);
    if (this.hasLineOrder(k)) {
      // Header empty, lines name the order: linked when they all name the same one (a receipt for several
      // orders cannot be attributed to one of them).
      const r = this.ctx.names.receipt;
      const lines = Array.isArray(row[r.lines]) ? (row[r.lines] as ODataRow[]) : [];
      const orders = new Set(lines.map((l) => refOrNull(l[r.lineOrder])).filter((id): id is string => !!id));
      if (orders.size === 1) return [...orders][0];
    }
    return null;
  }

  private async methodOf(k: KindSpec, row: ODataRow): Promise<PaymentMethod> {
    if (k.kind === 'cashInOrder') return 'cash';
    if (k.kind === 'cardPayment') return 'card';
    if (k.kind === 'bankTransfer') return 'bank';
    const r = this.ctx.names.receipt;
    const lines = Array.isArray(row[r.payments]) ? (row[r.payments] as ODataRow[]) : [];
    if (lines.length === 0) return 'cash';
    const types = await this.refs.paymentKindTypes();
    const sums = new Map<PaymentMethod, number>();
    for (const line of lines) {
      const type = types.get(refOrNull(line[r.paymentKind]) ?? '') ?? '';
      const method = (this.ctx.names.values.paymentType[type] ?? 'other') as PaymentMethod;
      sums.set(method, (sums.get(method) ?? 0) + toMoney(line[r.paymentAmount]));
    }
    return [...sums].sort((a, b) => b[1] - a[1])[0][0];
  }

  private effective(k: KindSpec, row: ODataRow): boolean {
    if (!toBool(row.Posted) || toBool(row.DeletionMark)) return false;
    if (k.kind === 'receipt') return !this.ctx.names.receipt.ineffectiveStatuses.includes(toStr(row[this.ctx.names.receipt.status]));
    if (k.kind === 'cardPayment' && this.ctx.names.cardPayment.done in row) return toBool(row[this.ctx.names.cardPayment.done]);
    return true;
  }

  private async toRecord(k: KindSpec, row: ODataRow): Promise<SourceRecord<Payment>> {
    const customer = customerOf(row, k.company, k.kind === 'receipt' ? this.ctx.names.receipt.cardOwner : '', this.ctx);
    const isReturn = k.kind === 'receipt' && toStr(row[this.ctx.names.receipt.operation]) === this.ctx.names.receipt.operationReturn;
    const amount = toMoney(row[k.amount]);
    const data: Payment = {
      documentKind: k.kind,
      number: toStr(row.Number).trim() || undefined,
      date: naiveToIso(row.Date, this.ctx.options.timeZone) ?? '',
      orderId: this.orderOf(k, row),
      customer,
      amount: isReturn ? -amount : amount,
      currency: this.ctx.options.currency ?? DEFAULTS.currency,
      method: await this.methodOf(k, row),
      effective: this.effective(k, row),
    };
    return { id: toStr(row.Ref_Key).toLowerCase(), version: toStr(row.DataVersion), deleted: toBool(row.DeletionMark), data };
  }

  // ---------- reads by id ----------

  async get(id: string): Promise<SourceRecord<Payment> | null> {
    for (const k of this.kinds()) {
      const row = (await fetchByIds(this.ctx.client, k.set, [id.toLowerCase()], this.select(k))).get(id.toLowerCase());
      if (row) return this.toRecord(k, row);
    }
    return null;
  }

  /** Payments of one order across all kinds (for the deal's payment view). */
  async forOrder(orderId: string): Promise<SourceRecord<Payment>[]> {
    const out: SourceRecord<Payment>[] = [];
    for (const k of this.kinds()) {
      const conds = [
        k.order ? `${k.order} eq ${guidLiteral(orderId)}` : null,
        k.basis ? `${k.basis} eq ${castLiteral(orderId, this.ctx.names.order.set)}` : null,
        this.lineOrderCondition(k, 'eq', orderId),
      ].filter(Boolean);
      const rows = await this.ctx.client.list(k.set, { select: this.select(k), filter: conds.join(' or '), top: 1000 });
      for (const row of rows) out.push(await this.toRecord(k, row));
    }
    return out;
  }

  async findByExternalRef(): Promise<SourceRecord<Payment> | null> {
    return null; // payments are never created by the exchange
  }

  async create(): Promise<SourceRecord<Payment>> {
    throw new OnecReadOnlyError('Оплаты');
  }

  async update(): Promise<SourceRecord<Payment>> {
    throw new OnecReadOnlyError('Оплаты');
  }

  async markDeleted(): Promise<void> {
    throw new OnecReadOnlyError('Оплаты');
  }
}
