/**
 * Products (P1–P4): Справочник.Номенклатура + the price of the configured price type (ЦеныНоменклатуры
 * SliceLast, ref §1.9/§2.3) + barcodes (РегистрСведений.Штрихкоды, owner composite, ref §2.3).
 * Neither a price document nor a barcode record touches the product's DataVersion, so the version is
 * `DataVersion|p=<price>|b=<barcodes digest>` and the key scan reads prices and barcodes too.
 * Prices are written as a posted УстановкаЦенНоменклатуры; products are created in 1С only for M3 (P4).
 */
import type { Product, SourceRecord } from '../../../../shared/domain';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import { ChangeFeed, type FeedSource, type FetchedRecord, type ScanEntry, type ScanResult } from '../change-feed';
import type { ODataRow } from '../client';
import { isoToNaive, refOrNull, toBool, toMoney, toStr } from '../convert';
import { OnecConcurrencyError, OnecError, OnecMappingError, OnecWriteMismatchError } from '../errors';
import { hasMarker, markerText, withMarker } from '../marker';
import { isPublished, publishedBody, publishedOnly, setProperties } from '../metadata';
import { DEFAULTS, type OnecContext } from '../options';
import { castLiteral, guidLiteral, stringLiteral } from '../query';
import { chunk, fetchByIds, listBatches, mapLimit, missingIds, scanRows, STABLE_ORDER } from '../reads';
import type { ReferenceCache } from '../reference';
import { composeVersion, dataVersionOf, digest } from '../version';
import { SafeWriter } from '../writer';
import { vatFromOnec, vatToOnec } from './vat';

interface Extras {
  prices: Map<string, number>;
  barcodes: Map<string, string[]>;
}

export class OnecProductAdapter implements EntityAdapter<'product'>, FeedSource<Product> {
  readonly entity = 'product' as const;
  readonly scope = 'onec:product';
  private readonly feed: ChangeFeed<Product>;
  private readonly writer: SafeWriter;
  /** Prices and barcodes read by the last key scan, reused by its fetches (same versions). */
  private lastExtras: Extras | null = null;

  constructor(
    private readonly ctx: OnecContext,
    private readonly refs: ReferenceCache,
  ) {
    this.feed = new ChangeFeed(this, ctx.snapshots, { pageSize: ctx.options.pageSize, now: () => ctx.now().getTime() });
    this.writer = new SafeWriter(ctx.client, () => ctx.model);
  }

  private get n() {
    return this.ctx.names.product;
  }

  private get set(): string {
    return this.n.set;
  }

  private filter(): string | undefined {
    return setProperties(this.ctx.model, this.set)?.has('IsFolder') ? 'IsFolder eq false' : undefined;
  }

  private select(): string[] {
    const n = this.n;
    return publishedOnly(this.ctx.model, this.set, ['Ref_Key', 'DataVersion', 'DeletionMark', 'Description', n.fullName, n.article, n.unit, n.vat, n.productType]);
  }

  // ---------- prices and barcodes ----------

  private priceCondition(ids?: readonly string[]): string | null {
    const type = this.ctx.options.priceTypeId;
    if (!type) return null;
    const p = this.ctx.names.price;
    const byType = `${p.priceType} eq ${guidLiteral(type)}`;
    return ids ? `${byType} and (${ids.map((id) => `${p.product} eq ${guidLiteral(id)}`).join(' or ')})` : byType;
  }

  private async readPrices(ids?: readonly string[]): Promise<Map<string, number>> {
    const p = this.ctx.names.price;
    // SliceLast has one record per (ВидЦены, Номенклатура, Характеристика) (ref §2.3): a product with variants
    // can have several. The product's price is the one without a characteristic; without one, the variants'
    // price when they all agree; otherwise none (never an arbitrary variant's price).
    const withVariants = setProperties(this.ctx.model, p.sliceSet)?.has(p.characteristic) ?? false;
    const select = publishedOnly(this.ctx.model, p.sliceSet, [p.product, p.price, withVariants && p.characteristic]);
    const own = new Map<string, number>();
    const variants = new Map<string, Set<number>>();
    const take = (rows: ODataRow[]): void => {
      for (const r of rows) {
        const id = refOrNull(r[p.product]);
        if (!id) continue;
        const price = toMoney(r[p.price]);
        if (withVariants && refOrNull(r[p.characteristic])) variants.set(id, (variants.get(id) ?? new Set<number>()).add(price));
        else own.set(id, price);
      }
    };
    if (!this.priceCondition()) return own;
    if (!ids) {
      const path = this.ctx.client.sliceLastPath(p.sliceSet, { condition: this.priceCondition() ?? undefined });
      take(await this.ctx.client.allAt(path, { select, orderby: p.product, pageSize: this.ctx.options.keyPageSize ?? DEFAULTS.keyPageSize }));
    } else {
      const pages = await mapLimit(chunk(ids, 10), 3, (batch) =>
        this.ctx.client.listAt(this.ctx.client.sliceLastPath(p.sliceSet, { condition: this.priceCondition(batch) ?? undefined }), { select, top: 1000 }),
      );
      pages.forEach(take);
    }
    for (const [id, prices] of variants) if (!own.has(id) && prices.size === 1) own.set(id, [...prices][0]);
    return own;
  }

  private async readBarcodes(ids?: readonly string[]): Promise<Map<string, string[]>> {
    const b = this.ctx.names.barcode;
    const select = publishedOnly(this.ctx.model, b.set, [b.barcode, b.owner, `${b.owner}_Type`]);
    let rows: ODataRow[];
    if (!ids) {
      rows = await this.ctx.client.all(b.set, {
        select,
        filter: `isof(${b.owner}, ${stringLiteral(this.set)})`,
        orderby: b.barcode,
        pageSize: this.ctx.options.keyPageSize ?? DEFAULTS.keyPageSize,
      });
    } else {
      const query = (batch: string[]) => ({ select, filter: batch.map((id) => `${b.owner} eq ${castLiteral(id, this.set)}`).join(' or '), top: 1000 });
      const pages = await mapLimit(listBatches(ids, 10, query), 3, (batch) => this.ctx.client.list(b.set, query(batch)));
      rows = pages.flat();
    }
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const owner = refOrNull(r[b.owner]);
      if (!owner || !toStr(r[`${b.owner}_Type`]).endsWith(this.set)) continue;
      out.set(owner, [...(out.get(owner) ?? []), toStr(r[b.barcode]).trim()]);
    }
    for (const list of out.values()) list.sort();
    return out;
  }

  private async extrasFor(ids?: readonly string[]): Promise<Extras> {
    const [prices, barcodes] = await Promise.all([this.readPrices(ids), this.readBarcodes(ids)]);
    return { prices, barcodes };
  }

  private versionOf(dataVersion: string, id: string, extras: Extras): string {
    const price = extras.prices.get(id);
    const codes = extras.barcodes.get(id) ?? [];
    return composeVersion(dataVersion, { p: price === undefined ? null : price.toFixed(2), b: codes.length > 0 ? digest(codes) : null });
  }

  // ---------- change detection ----------

  listChanges(cursor: string | null): Promise<ChangePage<Product>> {
    return this.feed.listChanges(cursor);
  }

  async scan(): Promise<ScanResult> {
    const [rows, extras] = await Promise.all([
      scanRows(this.ctx.client, this.set, ['Ref_Key', 'DataVersion', 'DeletionMark'], this.filter(), this.ctx.options.keyPageSize ?? DEFAULTS.keyPageSize),
      this.extrasFor(),
    ]);
    this.lastExtras = extras;
    const current = new Map<string, ScanEntry>();
    for (const r of rows) {
      const id = toStr(r.Ref_Key).toLowerCase();
      current.set(id, { version: this.versionOf(toStr(r.DataVersion), id, extras), deleted: toBool(r.DeletionMark) });
    }
    return { current };
  }

  async fetch(ids: string[]): Promise<Map<string, FetchedRecord<Product>>> {
    const [rows, extras] = await Promise.all([fetchByIds(this.ctx.client, this.set, ids, this.select()), this.lastExtras ?? this.extrasFor(ids)]);
    return this.build(rows, extras);
  }

  /** Initial load: everything in big pages, read lazily and converted page by page (see ChangeFeed). */
  async *readAll(): AsyncGenerator<FetchedRecord<Product>[]> {
    const extras = this.lastExtras ?? (await this.extrasFor());
    for await (const page of this.ctx.client.pages(this.set, { select: this.select(), filter: this.filter(), orderby: STABLE_ORDER, pageSize: 1000 })) {
      yield [...(await this.build(new Map(page.map((r) => [toStr(r.Ref_Key).toLowerCase(), r])), extras)).values()];
    }
  }

  confirmGone(ids: string[]): Promise<string[]> {
    return missingIds(this.ctx.client, this.set, ids);
  }

  private async build(rows: Map<string, ODataRow>, extras: Extras): Promise<Map<string, FetchedRecord<Product>>> {
    const units = new Map((await this.refs.allUnits()).map((u) => [u.id, u]));
    const out = new Map<string, FetchedRecord<Product>>();
    for (const [id, row] of rows) {
      try {
        const record = this.toRecord(row, extras, units);
        out.set(id, { record, entry: { version: record.version } });
      } catch (err) {
        if (!(err instanceof OnecMappingError)) throw err;
        this.ctx.report({ entity: 'product', id, message: err.message });
      }
    }
    return out;
  }

  private toRecord(row: ODataRow, extras: Extras, units: Map<string, { code: string; name: string }>): SourceRecord<Product> {
    const n = this.n;
    const id = toStr(row.Ref_Key).toLowerCase();
    const name = toStr(row.Description).trim();
    const unit = units.get(refOrNull(row[n.unit]) ?? '');
    const price = extras.prices.get(id);
    const data: Product = {
      name,
      fullName: toStr(row[n.fullName]).trim() || undefined,
      article: toStr(row[n.article]).trim() || undefined,
      barcodes: extras.barcodes.get(id) ?? [],
      unit: unit ? { ...(unit.code ? { code: unit.code } : {}), name: unit.name } : { name: '' },
      vatRate: vatFromOnec(row[n.vat], this.ctx.names, `Товар «${name}»`),
      price: price === undefined ? null : { amount: price, currency: this.ctx.options.currency ?? DEFAULTS.currency },
      isService: toStr(row[n.productType]) === n.productTypeService,
    };
    return { id, version: this.versionOf(toStr(row.DataVersion), id, extras), deleted: toBool(row.DeletionMark), data };
  }

  // ---------- reads by id ----------

  async get(id: string): Promise<SourceRecord<Product> | null> {
    const key = id.toLowerCase();
    const [rows, extras] = await Promise.all([fetchByIds(this.ctx.client, this.set, [key], this.select()), this.extrasFor([key])]);
    const row = rows.get(key);
    if (!row) return null;
    return this.toRecord(row, extras, new Map((await this.refs.allUnits()).map((u) => [u.id, u])));
  }

  async findByExternalRef(externalRef: string): Promise<SourceRecord<Product> | null> {
    const field = this.n.marker;
    if (!setProperties(this.ctx.model, this.set)?.has(field)) return null;
    const rows = await this.ctx.client.list(this.set, { select: ['Ref_Key', field], filter: `substringof(${stringLiteral(markerText(externalRef))}, ${field})`, top: 10 });
    const hit = rows.find((r) => hasMarker(r[field], externalRef));
    return hit ? this.get(toStr(hit.Ref_Key)) : null;
  }

  // ---------- writes ----------

  private async unitId(unit: Product['unit']): Promise<string> {
    const units = await this.refs.allUnits();
    const found =
      (unit.code ? units.find((u) => u.code === unit.code) : undefined) ??
      units.find((u) => u.name.toLowerCase() === unit.name.trim().toLowerCase());
    if (!found) {
      throw new OnecMappingError(`Единица измерения «${unit.name}${unit.code ? ` (${unit.code})` : ''}» не найдена в справочнике 1С «Базовые единицы измерения». Добавьте её в 1С или исправьте единицу товара в Битрикс24.`);
    }
    return found.id;
  }

  private async header(data: Product, currentType?: string): Promise<ODataRow> {
    const n = this.n;
    const type = data.isService ? n.productTypeService : currentType && currentType !== n.productTypeService ? currentType : n.productTypeGoods;
    // Unpublished optional fields are not written (and so never count as a change).
    return publishedBody(this.ctx.model, this.set, {
      Description: data.name.trim(),
      [n.fullName]: (data.fullName ?? data.name).trim(),
      [n.article]: (data.article ?? '').trim(),
      [n.unit]: await this.unitId(data.unit),
      [n.vat]: vatToOnec(data.vatRate, this.ctx.names),
      [n.productType]: type,
    });
  }

  async create(data: Product, options: WriteOptions): Promise<SourceRecord<Product>> {
    if (!this.ctx.options.allowProductCreate) {
      throw new OnecError('READ_ONLY', 'Товары, созданные в Битрикс24, не создаются в 1С (так настроен обмен): создайте товар в 1С, и обмен свяжет его с товаром Битрикс24. Чтобы перенести такие товары, включите «Перенос товаров из Битрикс24 в 1С» в первичной загрузке.');
    }
    const body = await this.header(data);
    if (options.externalRef && setProperties(this.ctx.model, this.set)?.has(this.n.marker)) body[this.n.marker] = withMarker('', options.externalRef);
    const created = await this.writer.create(this.set, body);
    const id = toStr(created.Ref_Key).toLowerCase();
    await this.writeExtras(id, data, { prices: new Map(), barcodes: new Map() }, options);
    return this.mustGet(id);
  }

  async update(id: string, data: Product, options: WriteOptions): Promise<SourceRecord<Product>> {
    const key = id.toLowerCase();
    const [rows, extras] = await Promise.all([fetchByIds(this.ctx.client, this.set, [key], this.select()), this.extrasFor([key])]);
    const row = rows.get(key);
    if (!row) throw new OnecError('NOT_FOUND', `Товар ${id} не найден в 1С — возможно, он удалён. Обмен снимет связь.`);
    const version = this.versionOf(toStr(row.DataVersion), key, extras);
    if (options.expectedVersion !== undefined && version !== options.expectedVersion) throw new OnecConcurrencyError(this.set, key, options.expectedVersion, version);
    const wanted = await this.header(data, toStr(row[this.n.productType]));
    const body: ODataRow = {};
    for (const [k, v] of Object.entries(wanted)) if (toStr(row[k]).trim() !== v && !(k === this.n.unit && refOrNull(row[k]) === v)) body[k] = v;
    if (Object.keys(body).length > 0) await this.writer.patch(this.set, key, body, dataVersionOf(version));
    await this.writeExtras(key, data, extras, options);
    return this.mustGet(key);
  }

  /** Barcodes added (never removed: that is a physical DELETE — reported instead), price by a posted document. */
  private async writeExtras(id: string, data: Product, current: Extras, options: WriteOptions): Promise<void> {
    const have = new Set(current.barcodes.get(id) ?? []);
    const wanted = [...new Set(data.barcodes.map((b) => b.trim()).filter(Boolean))];
    for (const code of wanted.filter((c) => !have.has(c))) await this.addBarcode(id, code);
    if (data.price && this.ctx.options.priceTypeId && current.prices.get(id) !== data.price.amount) {
      await this.setPrice(id, data.price.amount, options.operationId);
    }
    const kept = [...have].filter((c) => !wanted.includes(c));
    if (kept.length > 0) {
      const record = await this.mustGet(id);
      throw new OnecWriteMismatchError(this.set, id, record, kept.map((c) => ({ field: 'Штрихкод (удалить можно только в 1С)', sent: null, stored: c })));
    }
  }

  private async addBarcode(id: string, code: string): Promise<void> {
    const b = this.ctx.names.barcode;
    try {
      // Штрихкод is typed by ПВХ ТипыШтрихкодов: its OData type is [unconf] (ref §2.3). Published as a composite
      // (value + _Type), a string value needs its primitive type next to it.
      const composite = setProperties(this.ctx.model, b.set)?.has(`${b.barcode}_Type`) ?? false;
      await this.ctx.client.create(b.set, {
        [b.barcode]: code,
        ...(composite ? { [`${b.barcode}_Type`]: 'Edm.String' } : {}),
        [b.owner]: id,
        [`${b.owner}_Type`]: `StandardODATA.${this.set}`,
      });
    } catch (err) {
      if (err instanceof OnecError && err.odataCode === '15') {
        throw new OnecMappingError(`Штрихкод «${code}» в 1С уже принадлежит другому товару или карте. Исправьте штрихкод в Битрикс24 или в 1С.`, err);
      }
      throw err;
    }
  }

  /**
   * A posted УстановкаЦенНоменклатуры with one line. The operation id goes into Комментарий, so a retry after a
   * crash finds the document instead of creating a second one.
   */
  private async setPrice(productId: string, price: number, operationId?: string): Promise<void> {
    const d = this.ctx.names.priceDoc;
    const type = this.ctx.options.priceTypeId as string;
    const opMarker = operationId ? `{op:${operationId}}` : '';
    let docId: string | null = null;
    let posted = false;
    // Without a published Комментарий there is no marker to find: a retry may post a second, identical document.
    if (opMarker && isPublished(this.ctx.model, d.set, d.comment)) {
      const found = await this.ctx.client.list(d.set, { select: ['Ref_Key', 'Posted', d.comment], filter: `substringof(${stringLiteral(opMarker)}, ${d.comment})`, top: 5 });
      const hit = found.find((r) => toStr(r[d.comment]).includes(opMarker));
      if (hit) {
        docId = toStr(hit.Ref_Key);
        posted = toBool(hit.Posted);
      }
    }
    if (!docId) {
      const created = await this.writer.create(d.set, {
        Date: isoToNaive(this.ctx.now(), this.ctx.options.timeZone),
        [d.agreed]: true,
        [d.comment]: `Обмен с Битрикс24 ${opMarker}`.trim(),
        [d.lines]: [{ LineNumber: 1, [d.lineProduct]: productId, [d.linePriceType]: type, [d.linePrice]: price, [d.lineManual]: true }],
        [d.priceTypes]: [{ LineNumber: 1, [d.priceTypesPriceType]: type }],
      });
      docId = toStr(created.Ref_Key);
    }
    if (!posted) await this.writer.post(d.set, docId, 'Документ «Установка цен номенклатуры»', () => this.mustGet(productId));
  }

  private async mustGet(id: string): Promise<SourceRecord<Product>> {
    const r = await this.get(id);
    if (!r) throw new OnecError('NOT_FOUND', `Товар ${id} записан, но при повторном чтении не найден в 1С.`);
    return r;
  }

  async markDeleted(id: string, options: WriteOptions): Promise<void> {
    const current = await this.get(id);
    if (!current) return;
    if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
      throw new OnecConcurrencyError(this.set, id, options.expectedVersion, current.version);
    }
    await this.writer.markDeleted(this.set, id, dataVersionOf(current.version));
  }
}
