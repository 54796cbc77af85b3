/**
 * Customers (C1–C5): persons = Справочник.ФизическиеЛица (+ ФИОФизЛиц for name parts), companies =
 * Справочник.Контрагенты (ИНН/КПП); phones and e-mails in КонтактнаяИнформация; the bonus card from
 * ИнформационныеКарты. Ids are the objects' Ref_Key (GUIDs are unique across the infobase).
 * Version = DataVersion + the chosen card (assigning a card does not touch the customer's DataVersion).
 */
import type { Customer, SourceRecord } from '../../../../shared/domain';
import { joinFullName, splitFullName } from '../../../../shared/normalize';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import { ChangeFeed, type FeedSource, type FetchedRecord, type ScanEntry, type ScanResult } from '../change-feed';
import type { ODataRow } from '../client';
import { toBool, toStr } from '../convert';
import { OnecConcurrencyError, OnecError, OnecWriteMismatchError } from '../errors';
import { hasMarker, markerText, withMarker } from '../marker';
import { isPublished, publishedBody, publishedOnly, setProperties, tabularProperties } from '../metadata';
import type { OnecContext } from '../options';
import { stringLiteral } from '../query';
import { fetchByIds, missingIds, scanRows, STABLE_ORDER } from '../reads';
import type { ReferenceCache } from '../reference';
import type { SnapshotEntry } from '../snapshot';
import { composeVersion, dataVersionOf } from '../version';
import { SafeWriter } from '../writer';
import { CardBook, type CardInfo } from './cards';
import { mergeContacts, readContacts } from './contacts';
import { PersonNames, type NameParts } from './person-names';

type Tag = 'person' | 'company';

interface Known {
  cards?: Map<string, CardInfo>;
  names?: Map<string, NameParts>;
}

interface Loaded {
  row: ODataRow;
  tag: Tag;
  names?: NameParts;
  card: CardInfo | null;
}

export class OnecCustomerAdapter implements EntityAdapter<'customer'>, FeedSource<Customer> {
  readonly entity = 'customer' as const;
  readonly scope = 'onec:customer';
  private readonly feed: ChangeFeed<Customer>;
  private readonly writer: SafeWriter;
  private readonly cards: CardBook;
  private readonly personNames: PersonNames;
  /** Cards read by the last key scan: its fetches reuse them (they produced the versions being delivered). */
  private scanCards: Map<string, CardInfo> | null = null;
  /** Name parts of all persons, read once per scan when many persons changed. */
  private scanNames: Map<string, NameParts> | null = null;

  constructor(
    private readonly ctx: OnecContext,
    private readonly refs: ReferenceCache,
  ) {
    this.feed = new ChangeFeed(this, ctx.snapshots, { pageSize: ctx.options.pageSize, now: () => ctx.now().getTime() });
    this.writer = new SafeWriter(ctx.client, () => ctx.model);
    this.cards = new CardBook(ctx);
    this.personNames = new PersonNames(ctx);
  }

  private setOf(tag: Tag): string {
    return tag === 'person' ? this.ctx.names.person.set : this.ctx.names.company.set;
  }

  private has(set: string, field: string): boolean {
    return setProperties(this.ctx.model, set)?.has(field) ?? false;
  }

  /** Folders are not customers; nor are employees when the flag is published. */
  private filterOf(tag: Tag): string {
    const set = this.setOf(tag);
    const parts: string[] = [];
    if (this.has(set, 'IsFolder')) parts.push('IsFolder eq false');
    if (tag === 'person' && this.has(set, this.ctx.names.person.employee)) parts.push(`${this.ctx.names.person.employee} eq false`);
    return parts.join(' and ');
  }

  /**
   * Fields to read. Reads take only the contact columns the mapping uses (a third of the bytes); a write
   * reads the whole section, because PATCH replaces it and every column of the kept rows must go back.
   */
  private selectOf(tag: Tag, full = false): string[] {
    const base = ['Ref_Key', 'DataVersion', 'DeletionMark', 'Description'];
    const ts = tag === 'person' ? this.ctx.names.person.contacts : this.ctx.names.company.contacts;
    const c = this.ctx.names.contact;
    const published = this.publishedContactColumns(tag);
    const contacts = full ? [ts] : ['LineNumber', c.type, c.kind, c.presentation, c.phone, c.email].filter((f) => published.has(f)).map((f) => `${ts}/${f}`);
    const k = this.ctx.names.company;
    const fields = tag === 'person' ? [...base, this.ctx.names.person.comment, ...contacts] : [...base, k.fullName, k.inn, k.kpp, k.comment, ...contacts];
    return publishedOnly(this.ctx.model, this.setOf(tag), fields);
  }

  // ---------- change detection ----------

  listChanges(cursor: string | null): Promise<ChangePage<Customer>> {
    return this.feed.listChanges(cursor);
  }

  async scan(): Promise<ScanResult> {
    const keyPage = this.ctx.options.keyPageSize ?? 5000;
    const select = ['Ref_Key', 'DataVersion', 'DeletionMark'];
    // Keys page by page (raw rows of the whole set never pile up); the card part of versions once cards are in.
    const keys = async (tag: Tag): Promise<Map<string, ScanEntry>> => {
      const out = new Map<string, ScanEntry>();
      for await (const page of this.ctx.client.pages(this.setOf(tag), { select, filter: this.filterOf(tag) || undefined, orderby: STABLE_ORDER, pageSize: keyPage })) {
        for (const r of page) out.set(toStr(r.Ref_Key).toLowerCase(), { version: toStr(r.DataVersion), deleted: toBool(r.DeletionMark), tag });
      }
      return out;
    };
    const [current, companies, cards] = await Promise.all([keys('person'), keys('company'), this.cards.allByOwner()]);
    for (const [id, e] of companies) current.set(id, e);
    for (const [id, e] of current) e.version = this.versionOf(e.version, cards.get(id) ?? null);
    this.scanCards = cards;
    this.scanNames = null;
    return { current };
  }

  async fetch(ids: string[], queued: ReadonlyMap<string, ScanEntry>, total: number): Promise<Map<string, FetchedRecord<Customer>>> {
    const byTag = (tag: Tag): string[] => ids.filter((id) => (queued.get(id)?.tag ?? 'person') === tag);
    const known = { cards: this.scanCards ?? undefined, names: await this.namesForScan(queued, total) };
    const loaded = [...(await this.load(byTag('person'), 'person', known)), ...(await this.load(byTag('company'), 'company', known))];
    return new Map(loaded.map((l) => [toStr(l.row.Ref_Key).toLowerCase(), this.fetched(l)]));
  }

  /**
   * Many changed persons: one paged read of the whole ФИО register beats 10-per-request lookups; only the
   * queued persons' names are kept (the first fetch of a scan sees every id still queued).
   */
  private async namesForScan(queued: ReadonlyMap<string, ScanEntry>, total: number): Promise<Map<string, NameParts> | undefined> {
    if (total <= 200) return undefined;
    this.scanNames ??= await this.personNames.all((id) => queued.has(id));
    return this.scanNames;
  }

  /**
   * Initial load: everything in big pages, read lazily and converted page by page, so neither raw rows nor
   * records pile up in memory (the feed pulls a page only when it needs one).
   */
  async *readAll(queued: ReadonlyMap<string, ScanEntry>): AsyncGenerator<FetchedRecord<Customer>[]> {
    const [names, cards] = await Promise.all([this.personNames.all((id) => queued.has(id)), this.scanCards ?? this.cards.allByOwner()]);
    for (const tag of ['person', 'company'] as const) {
      const filter = this.filterOf(tag) || undefined;
      for await (const page of this.ctx.client.pages(this.setOf(tag), { select: this.selectOf(tag), filter, orderby: STABLE_ORDER, pageSize: 1000 })) {
        const out: FetchedRecord<Customer>[] = [];
        for (const row of page) {
          const id = toStr(row.Ref_Key).toLowerCase();
          if (queued.has(id)) out.push(this.fetched({ row, tag, names: names.get(id), card: cards.get(id) ?? null }));
        }
        yield out;
      }
    }
  }

  async confirmGone(ids: string[], snapshot: Map<string, SnapshotEntry>): Promise<string[]> {
    const byTag = (tag: Tag): string[] => ids.filter((id) => (snapshot.get(id)?.tag ?? 'person') === tag);
    const [p, c] = await Promise.all([missingIds(this.ctx.client, this.setOf('person'), byTag('person')), missingIds(this.ctx.client, this.setOf('company'), byTag('company'))]);
    return [...p, ...c];
  }

  private async load(ids: string[], tag: Tag, known: Known = {}): Promise<Loaded[]> {
    if (ids.length === 0) return [];
    return this.enrich(await fetchByIds(this.ctx.client, this.setOf(tag), ids, this.selectOf(tag)), tag, known);
  }

  /** Adds name parts and cards to catalog rows (reusing what the scan already read). */
  private async enrich(rows: Map<string, ODataRow>, tag: Tag, known: Known = {}): Promise<Loaded[]> {
    if (rows.size === 0) return [];
    const ids = [...rows.keys()];
    const [names, cards] = await Promise.all([
      tag !== 'person' ? new Map<string, NameParts>() : (known.names ?? this.personNames.forPersons(ids)),
      known.cards ?? this.cards.forOwners(ids, this.setOf(tag)),
    ]);
    return [...rows].map(([id, row]) => ({ row, tag, names: names.get(id), card: cards.get(id) ?? null }));
  }

  private versionOf(dataVersion: string, card: CardInfo | null): string {
    return composeVersion(dataVersion, { c: card ? `${card.id}@${card.version}` : null });
  }

  private fetched(l: Loaded): FetchedRecord<Customer> {
    const record = this.toRecord(l);
    return { record, entry: { version: record.version, tag: l.tag } };
  }

  private toRecord(l: Loaded): SourceRecord<Customer> {
    const { row, tag } = l;
    const contacts = readContacts(row[tag === 'person' ? this.ctx.names.person.contacts : this.ctx.names.company.contacts], this.ctx.names.contact);
    const description = toStr(row.Description).trim();
    let data: Customer;
    if (tag === 'person') {
      // Description is str(50) and may be cut; the name parts are kept whole in ФИОФизЛиц.
      const fromParts = l.names ? joinFullName(l.names) : '';
      const useParts = fromParts !== '' && fromParts.startsWith(description);
      const parts = useParts && l.names ? l.names : splitFullName(description);
      data = {
        kind: 'person',
        fullName: useParts ? fromParts : description,
        lastName: parts.lastName,
        firstName: parts.firstName,
        middleName: parts.middleName,
        phones: contacts.phones,
        emails: contacts.emails,
        cardNumber: l.card?.number ?? null,
      };
    } else {
      const c = this.ctx.names.company;
      data = {
        kind: 'company',
        fullName: toStr(row[c.fullName]).trim() || description,
        phones: contacts.phones,
        emails: contacts.emails,
        cardNumber: l.card?.number ?? null,
        inn: toStr(row[c.inn]).trim(),
        kpp: toStr(row[c.kpp]).trim(),
      };
    }
    return {
      id: toStr(row.Ref_Key).toLowerCase(),
      version: this.versionOf(toStr(row.DataVersion), l.card),
      deleted: toBool(row.DeletionMark),
      data,
    };
  }

  // ---------- reads by id ----------

  private async loadOne(id: string, full = false): Promise<Loaded | null> {
    for (const tag of ['person', 'company'] as const) {
      const rows = await fetchByIds(this.ctx.client, this.setOf(tag), [id.toLowerCase()], this.selectOf(tag, full));
      if (rows.size > 0) return (await this.enrich(rows, tag))[0];
    }
    return null;
  }

  async get(id: string): Promise<SourceRecord<Customer> | null> {
    const l = await this.loadOne(id);
    return l ? this.toRecord(l) : null;
  }

  async findByExternalRef(externalRef: string): Promise<SourceRecord<Customer> | null> {
    for (const tag of ['person', 'company'] as const) {
      const set = this.setOf(tag);
      const commentField = tag === 'person' ? this.ctx.names.person.comment : this.ctx.names.company.comment;
      // No Комментарий in this release: no marker either (the check reports the weaker duplicate protection).
      if (!isPublished(this.ctx.model, set, commentField)) continue;
      let rows: ODataRow[];
      try {
        rows = await this.ctx.client.list(set, {
          select: ['Ref_Key', commentField],
          filter: `substringof(${stringLiteral(markerText(externalRef))}, ${commentField})`,
          top: 10,
        });
      } catch (err) {
        // Some platform versions refuse conditions on unlimited strings: fall back to reading all comments once.
        if (!(err instanceof OnecError) || (err.code !== 'BAD_REQUEST' && err.code !== 'SERVER')) throw err;
        rows = await scanRows(this.ctx.client, set, ['Ref_Key', commentField], undefined, this.ctx.options.keyPageSize ?? 5000);
      }
      const hit = rows.find((r) => hasMarker(r[commentField], externalRef));
      if (hit) return this.get(toStr(hit.Ref_Key));
    }
    return null;
  }

  // ---------- writes ----------

  private maxLength(set: string, field: string, fallback: number): number {
    return setProperties(this.ctx.model, set)?.get(field)?.maxLength ?? fallback;
  }

  private publishedContactColumns(tag: Tag): Set<string> {
    const set = this.setOf(tag);
    const ts = tag === 'person' ? this.ctx.names.person.contacts : this.ctx.names.company.contacts;
    return new Set(tabularProperties(this.ctx.model, set, ts)?.keys() ?? []);
  }

  private async contactKindIds(tag: Tag): Promise<{ phone: string; email: string }> {
    const k = await this.refs.contactKinds();
    return tag === 'person' ? { phone: k.personPhone, email: k.personEmail } : { phone: k.companyPhone, email: k.companyEmail };
  }

  /** Header fields for the canonical data; Description is cut deliberately to its length (the full name is kept elsewhere). */
  private headerFields(tag: Tag, data: Customer): ODataRow {
    const set = this.setOf(tag);
    const name = tag === 'person' ? joinFullName(data) || data.fullName.trim() : data.fullName.trim();
    const description = name.slice(0, this.maxLength(set, 'Description', tag === 'person' ? 50 : 100));
    if (tag === 'person') return { Description: description };
    const c = this.ctx.names.company;
    // Unpublished optional fields are not written (and so never count as a change).
    return publishedBody(this.ctx.model, set, {
      Description: description,
      [c.fullName]: name,
      [c.inn]: data.inn ?? '',
      [c.kpp]: data.kpp ?? '',
    });
  }

  private personParts(data: Customer): NameParts {
    const split = splitFullName(data.fullName);
    return {
      lastName: (data.lastName ?? split.lastName).trim(),
      firstName: (data.firstName ?? split.firstName).trim(),
      middleName: (data.middleName ?? split.middleName).trim(),
    };
  }

  async create(data: Customer, options: WriteOptions): Promise<SourceRecord<Customer>> {
    const tag: Tag = data.kind === 'company' ? 'company' : 'person';
    const set = this.setOf(tag);
    const kinds = await this.contactKindIds(tag);
    const tsName = tag === 'person' ? this.ctx.names.person.contacts : this.ctx.names.company.contacts;
    const commentField = tag === 'person' ? this.ctx.names.person.comment : this.ctx.names.company.comment;
    const group = tag === 'person' ? this.ctx.options.personGroupId : this.ctx.options.companyGroupId;
    const body: ODataRow = publishedBody(this.ctx.model, set, {
      ...this.headerFields(tag, data),
      ...(tag === 'company' ? { [this.ctx.names.company.legalForm]: (data.inn ?? '').length === 12 ? 'ИндивидуальныйПредприниматель' : this.ctx.names.company.legalFormDefault } : {}),
      ...(options.externalRef ? { [commentField]: withMarker('', options.externalRef) } : {}),
      ...(group ? { Parent_Key: group } : {}),
      [tsName]: mergeContacts([], data, kinds, this.ctx.names.contact, this.publishedContactColumns(tag)) ?? [],
    });
    const created = await this.writer.create(set, body);
    const id = toStr(created.Ref_Key).toLowerCase();
    await this.finishWrite(id, tag, data, null);
    return this.mustGet(id);
  }

  async update(id: string, data: Customer, options: WriteOptions): Promise<SourceRecord<Customer>> {
    const current = await this.loadOne(id, true);
    if (!current) throw new OnecError('NOT_FOUND', `Покупатель ${id} не найден в 1С — возможно, он удалён. Обмен снимет связь.`);
    const before = this.toRecord(current);
    if (options.expectedVersion !== undefined && before.version !== options.expectedVersion) {
      throw new OnecConcurrencyError(this.setOf(current.tag), id, options.expectedVersion, before.version);
    }
    const tag = current.tag;
    const set = this.setOf(tag);
    const tsName = tag === 'person' ? this.ctx.names.person.contacts : this.ctx.names.company.contacts;
    const wanted = this.headerFields(tag, data);
    const body: ODataRow = {};
    for (const [k, v] of Object.entries(wanted)) if (toStr(current.row[k]) !== v) body[k] = v;
    const contacts = mergeContacts(current.row[tsName], data, await this.contactKindIds(tag), this.ctx.names.contact, this.publishedContactColumns(tag));
    if (contacts) body[tsName] = contacts;
    // No-op PATCH still bumps DataVersion (ref §1.4): write only what differs, right after re-checking the version.
    if (Object.keys(body).length > 0) await this.writer.patch(set, id, body, dataVersionOf(before.version));
    await this.finishWrite(id, tag, data, current);
    return this.mustGet(id);
  }

  /** Name parts and card: kept outside the catalog object, written after it. */
  private async finishWrite(id: string, tag: Tag, data: Customer, current: Loaded | null): Promise<void> {
    if (tag === 'person') {
      const parts = this.personParts(data);
      const had = current?.names;
      if (!had || had.lastName !== parts.lastName || had.firstName !== parts.firstName || had.middleName !== parts.middleName) {
        if (joinFullName(parts) !== '') await this.personNames.write(id, parts);
      }
    }
    const currentCard = current?.card?.number ?? null;
    const wantedCard = data.cardNumber?.trim() || null;
    if (wantedCard && wantedCard !== currentCard) await this.cards.ensure({ id, set: this.setOf(tag) }, wantedCard);
    if (!wantedCard && currentCard) {
      // Cards are physical items: the exchange does not take one away from a customer.
      const record = await this.mustGet(id);
      throw new OnecWriteMismatchError(this.setOf(tag), id, record, [{ field: 'Бонусная карта (снять карту можно только в 1С)', sent: null, stored: currentCard }]);
    }
  }

  private async mustGet(id: string): Promise<SourceRecord<Customer>> {
    const r = await this.get(id);
    if (!r) throw new OnecError('NOT_FOUND', `Покупатель ${id} записан, но при повторном чтении не найден в 1С. Проверьте журнал регистрации 1С.`);
    return r;
  }

  async markDeleted(id: string, options: WriteOptions): Promise<void> {
    const l = await this.loadOne(id);
    if (!l) return;
    const record = this.toRecord(l);
    if (options.expectedVersion !== undefined && record.version !== options.expectedVersion) {
      throw new OnecConcurrencyError(this.setOf(l.tag), id, options.expectedVersion, record.version);
    }
    await this.writer.markDeleted(this.setOf(l.tag), id, dataVersionOf(record.version));
  }
}
