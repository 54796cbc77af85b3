/**
 * Products ⇄ the CRM catalog (catalog.product.*, price of one price type via catalog.price.*; ref §6) —
 * EntityAdapter<'product'>. `xmlId` holds the 1С reference (found again after a lost create). A product removed in
 * 1С is deactivated, not deleted (deals keep referring to it).
 */
import type { Product, SourceRecord } from '../../../../shared/domain';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import type { Job } from '../batch';
import { decodeCursor, encodeCursor, sweepChanges, type SweepState } from '../changes';
import { isObject } from '../envelope';
import { Bitrix24Error, conflictError } from '../errors';
import { scanAll } from '../scan';
import { recordVersion } from '../version';
import type { AdapterContext } from './context';
import { numericId } from './ids';
import { productFields, sameProduct, SERVICE_TYPE, toProduct } from './product-map';
import type { PortalSetup } from './setup';

type Row = Record<string, unknown>;

interface ProductCursor {
  products: SweepState | null;
  /** Price changes are polled separately: they do not touch the product's timestampX. */
  prices: SweepState | null;
}

const BASE_SELECT = ['id', 'iblockId', 'name', 'xmlId', 'measure', 'vatId', 'vatIncluded', 'type', 'active', 'timestampX', 'modifiedBy'];

export class Bitrix24ProductAdapter implements EntityAdapter<'product'> {
  readonly entity = 'product' as const;

  constructor(private readonly ctx: AdapterContext) {}

  private get article(): string | undefined {
    return this.ctx.options.product.articleProperty;
  }

  private select(): string[] {
    return this.article ? [...BASE_SELECT, this.article] : BASE_SELECT;
  }

  async get(id: string): Promise<SourceRecord<Product> | null> {
    const n = numericId(id, 'product');
    const setup = await this.ctx.setup();
    const [row, price] = await Promise.all([this.readRow(n), this.readPrice(n, setup)]);
    return row ? this.toRecord(row, price, setup) : null;
  }

  async create(data: Product, options: WriteOptions): Promise<SourceRecord<Product>> {
    validate(data);
    const setup = await this.ctx.setup();
    const ref = options.externalRef;
    if (ref) {
      const existing = await this.findRow(ref, setup);
      if (existing) return this.update(String(existing.id), data, { ...options, expectedVersion: undefined });
    }
    // `type` is read-only in catalog.product.add (D catalog-product-add.md, data-types.md: "Read-only"): a service is
    // created with catalog.product.service.add, whose answer is `result.service` (D product/service/*.md).
    const fields: Row = { ...productFields(data, setup, this.article), iblockId: setup.iblockId, active: 'Y' };
    if (ref) fields.xmlId = ref;
    const job: Job = { method: data.isService ? 'catalog.product.service.add' : 'catalog.product.add', params: { fields } };
    if (ref) job.lookup = { command: this.byXml(ref, setup), pick: (r) => pickProducts(r)[0] ?? null };
    const id = addedId(await this.ctx.rpc.run(job));
    if (data.price) await this.writePrice(id, data.price, null, setup);
    return this.mustGet(String(id));
  }

  async update(id: string, data: Product, options: WriteOptions): Promise<SourceRecord<Product>> {
    validate(data);
    const n = numericId(id, 'product');
    const setup = await this.ctx.setup();
    const [row, price] = await Promise.all([this.readRow(n), this.readPrice(n, setup)]);
    if (!row) throw notFound(id);
    const before = this.toRecord(row, price, setup);
    if (options.expectedVersion && before.version !== options.expectedVersion) throw conflictError(`товар ${id}`, options.expectedVersion, before.version);
    if (sameProduct(before.data, data, !!this.article) && row.active !== 'N') return before;
    await this.ctx.rpc.run({ method: updateMethodOf(row), params: { id: n, fields: { ...productFields(data, setup, this.article), active: 'Y' } } });
    const samePrice = (before.data.price?.amount ?? null) === (data.price?.amount ?? null) && (before.data.price?.currency ?? null) === (data.price?.currency ?? null);
    if (!samePrice) await this.writePrice(n, data.price, price, setup);
    return this.mustGet(id);
  }

  async markDeleted(id: string): Promise<void> {
    const n = numericId(id, 'product');
    const row = await this.readRow(n);
    if (!row) return;
    try {
      await this.ctx.rpc.run({ method: updateMethodOf(row), params: { id: n, fields: { active: 'N' } } });
    } catch (err) {
      if (!(err instanceof Bitrix24Error && err.code === 'NOT_FOUND')) throw err;
    }
  }

  async findByExternalRef(externalRef: string): Promise<SourceRecord<Product> | null> {
    const setup = await this.ctx.setup();
    const row = await this.findRow(externalRef, setup);
    return row ? this.get(String(row.id)) : null;
  }

  async listChanges(cursor: string | null): Promise<ChangePage<Product>> {
    const setup = await this.ctx.setup();
    const prev = decodeCursor<ProductCursor>(cursor) ?? { products: null, prices: null };
    const opts = this.ctx.sweepOptions();
    // Price changes do not touch the product's timestampX: a second sweep over the prices of our type, started
    // together with the product sweep so that an idle cycle costs one request.
    const [page, prices] = await Promise.all([
      sweepChanges(this.ctx.client, {
        method: 'catalog.product.list', idKey: 'id', itemsKey: 'products', modifiedField: 'timestampX', select: this.select(), baseFilter: { iblockId: setup.iblockId },
        versionOf: (r) => this.toRecord(r, null, setup).version,
      }, prev.products, opts),
      sweepChanges(this.ctx.client, {
        method: 'catalog.price.list', idKey: 'id', itemsKey: 'prices', modifiedField: 'timestampX', select: ['id', 'productId', 'price', 'currency', 'timestampX'],
        baseFilter: { catalogGroupId: setup.priceTypeId }, versionOf: (r) => `${String(r.timestampX)}|${String(r.price)}|${String(r.currency)}`,
      }, prev.prices, { ...opts, deletionScanIntervalMs: Number.POSITIVE_INFINITY }),
    ]);
    const rows = new Map(page.rows.map((r) => [Number(r.id), r] as const));
    const missing = [...new Set(prices.rows.map((p) => Number(p.productId)))].filter((pid) => !rows.has(pid));
    // catalog.product.list documents no `@` (IN) prefix: IN is an array under the plain key (D catalog-product-list.md).
    for (let i = 0; i < missing.length; i += 500) {
      const more = await scanAll(this.ctx.client, { method: 'catalog.product.list', idKey: 'id', itemsKey: 'products', params: { filter: { iblockId: setup.iblockId, id: missing.slice(i, i + 500) }, select: this.select() } });
      for (const r of more) rows.set(Number(r.id), r);
    }
    const priceOf = await this.pricesOf([...rows.keys()], setup);
    return {
      records: [...rows.values()].map((r) => this.toRecord(r, priceOf.get(Number(r.id)) ?? null, setup)),
      deletedIds: page.deletedIds.map(String),
      nextCursor: encodeCursor({ products: page.state, prices: prices.state } satisfies ProductCursor),
      hasMore: page.hasMore || prices.hasMore,
    };
  }

  // ---------- helpers ----------

  private async mustGet(id: string): Promise<SourceRecord<Product>> {
    const r = await this.get(id);
    if (!r) throw notFound(id);
    return r;
  }

  /** catalog.product.get (`result.product`); for an id it does not know, catalog.product.service.get
   *  (`result.service`) — whether the generic method serves services is not documented. */
  private async readRow(id: number): Promise<Row | null> {
    for (const [method, key] of [['catalog.product.get', 'product'], ['catalog.product.service.get', 'service']] as const) {
      try {
        const r = await this.ctx.rpc.run({ method, params: { id } });
        return isObject(r) && isObject(r[key]) ? r[key] : null;
      } catch (err) {
        if (!(err instanceof Bitrix24Error && err.code === 'NOT_FOUND')) throw err;
      }
    }
    return null;
  }

  private async readPrice(productId: number, setup: PortalSetup): Promise<Row | null> {
    const r = await this.ctx.rpc.run({ method: 'catalog.price.list', params: { filter: { productId, catalogGroupId: setup.priceTypeId }, order: { id: 'ASC' } } });
    const list = isObject(r) && Array.isArray(r.prices) ? r.prices.filter(isObject) : [];
    return list[0] ?? null;
  }

  private async pricesOf(ids: number[], setup: PortalSetup): Promise<Map<number, Row>> {
    const out = new Map<number, Row>();
    for (let i = 0; i < ids.length; i += 500) {
      const list = await scanAll(this.ctx.client, { method: 'catalog.price.list', idKey: 'id', itemsKey: 'prices', params: { filter: { catalogGroupId: setup.priceTypeId, '@productId': ids.slice(i, i + 500) } } });
      for (const p of list) if (!out.has(Number(p.productId))) out.set(Number(p.productId), p);
    }
    return out;
  }

  private async writePrice(productId: number, price: Product['price'], current: Row | null, setup: PortalSetup): Promise<void> {
    if (!price) {
      if (current) await this.ctx.rpc.run({ method: 'catalog.price.delete', params: { id: Number(current.id) } });
      return;
    }
    const fields = { price: price.amount, currency: price.currency || this.ctx.options.product.currency };
    if (current) {
      await this.ctx.rpc.run({ method: 'catalog.price.update', params: { id: Number(current.id), fields } });
      return;
    }
    await this.ctx.rpc.run({
      method: 'catalog.price.add',
      params: { fields: { ...fields, productId, catalogGroupId: setup.priceTypeId } },
      lookup: { command: { method: 'catalog.price.list', params: { filter: { productId, catalogGroupId: setup.priceTypeId } } }, pick: (r) => (isObject(r) && Array.isArray(r.prices) && r.prices[0] ? r.prices[0] : null) },
    });
  }

  private byXml(ref: string, setup: PortalSetup): Job {
    return { method: 'catalog.product.list', params: { filter: { iblockId: setup.iblockId, xmlId: ref }, select: ['id', 'iblockId', 'xmlId'], order: { id: 'ASC' } } };
  }

  private async findRow(ref: string, setup: PortalSetup): Promise<Row | null> {
    const r = await this.ctx.rpc.run(this.byXml(ref, setup));
    const list = isObject(r) && Array.isArray(r.products) ? r.products.filter(isObject) : [];
    return list[0] ?? null;
  }

  private toRecord(row: Row, price: Row | null, setup: PortalSetup): SourceRecord<Product> {
    const data = toProduct(row, price, setup, this.article);
    const modifiedAt = String(row.timestampX ?? '');
    const modifiedBy = row.modifiedBy === undefined || row.modifiedBy === null ? undefined : String(row.modifiedBy);
    return { id: String(row.id), version: recordVersion(modifiedAt, modifiedBy, data), deleted: row.active === 'N', modifiedBy, modifiedAt: modifiedAt || undefined, data };
  }
}

/** Services are changed with catalog.product.service.update (D product/service/catalog-product-service-update.md). */
function updateMethodOf(row: Row): string {
  return Number(row.type) === SERVICE_TYPE ? 'catalog.product.service.update' : 'catalog.product.update';
}

/** Id from an add answer: `{element: {id}}` (catalog.product.add), `{service: {id}}` (….service.add), a lookup hit `{id}`. */
function addedId(added: unknown): number {
  if (!isObject(added)) return Number(added);
  const inner = isObject(added.element) ? added.element : isObject(added.service) ? added.service : added;
  return Number(inner.id);
}

function pickProducts(r: unknown): Row[] {
  return isObject(r) && Array.isArray(r.products) ? r.products.filter(isObject).map((p) => p) : [];
}

function validate(p: Product): void {
  if (p.name.trim() === '') throw new Bitrix24Error({ code: 'VALIDATION', message: 'product without a name', userMessage: 'У номенклатуры не заполнено наименование; товар в Битрикс24 без названия не создаётся. Заполните наименование в 1С.' });
  if (p.price && !(p.price.amount >= 0)) throw new Bitrix24Error({ code: 'VALIDATION', message: `bad price ${p.price.amount}`, userMessage: `Цена товара «${p.name}» некорректна (${p.price.amount}). Исправьте цену в 1С.` });
}

function notFound(id: string): Bitrix24Error {
  return new Bitrix24Error({ code: 'NOT_FOUND', message: `product ${id} not found`, userMessage: `Товар ${id} не найден в каталоге Битрикс24 (возможно, его удалили). Проверьте каталог; обмен снимет связь, если товар удалён.` });
}
