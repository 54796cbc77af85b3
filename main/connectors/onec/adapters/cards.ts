/**
 * Bonus/discount cards (ИнформационныеКарты, ref §2.2): КодКарты is the card number, ВладелецКарты the owner
 * (composite, so filters need `cast`, ref §1.5). A customer's card is the newest (ДатаОткрытия, then КодКарты)
 * non-deleted card they own (only of the configured discount-card kind when `cardKindOnly` is set). Cards are physical items:
 * the exchange registers or assigns cards, never deletes or re-assigns one that belongs to someone else.
 */
import type { ODataRow } from '../client';
import { isoToNaive, refOrNull, toStr } from '../convert';
import { OnecConfigError, OnecError } from '../errors';
import type { OnecContext } from '../options';
import { castLiteral, stringLiteral } from '../query';
import { listBatches, mapLimit, scanRows } from '../reads';
import { isPublished, publishedBody, publishedOnly, setProperties } from '../metadata';

export interface CardInfo {
  id: string;
  number: string;
  ownerId: string | null;
  ownerSet: string | null;
  version: string;
  openedAt: string;
  kindId: string | null;
}

export class CardBook {
  constructor(private readonly ctx: OnecContext) {}

  private get n() {
    return this.ctx.names.card;
  }

  private select(): string[] {
    const n = this.n;
    return publishedOnly(this.ctx.model, n.set, ['Ref_Key', 'DataVersion', n.number, n.owner, `${n.owner}_Type`, n.openedAt, n.discountKind]);
  }

  private baseFilter(): string {
    const props = setProperties(this.ctx.model, this.n.set);
    return ['DeletionMark eq false', ...(props?.has('IsFolder') ? ['IsFolder eq false'] : [])].join(' and ');
  }

  private info(row: ODataRow): CardInfo {
    const n = this.n;
    const ownerType = toStr(row[`${n.owner}_Type`]);
    return {
      id: toStr(row.Ref_Key).toLowerCase(),
      number: toStr(row[n.number]).trim(),
      ownerId: refOrNull(row[n.owner]),
      ownerSet: ownerType.startsWith('StandardODATA.') ? ownerType.slice('StandardODATA.'.length) : null,
      version: toStr(row.DataVersion),
      openedAt: toStr(row[n.openedAt]),
      kindId: refOrNull(row[n.discountKind]),
    };
  }

  private counts(card: CardInfo): boolean {
    const kind = this.ctx.options.cardKindOnly ? this.ctx.options.discountCardKindId?.toLowerCase() : undefined;
    return card.number !== '' && (!kind || card.kindId === kind);
  }

  /** The customer's card among the given ones (newest first). */
  choose(cards: CardInfo[]): CardInfo | null {
    const eligible = cards.filter((c) => this.counts(c));
    eligible.sort((a, b) => (a.openedAt === b.openedAt ? b.number.localeCompare(a.number) : b.openedAt.localeCompare(a.openedAt)));
    return eligible[0] ?? null;
  }

  private group(cards: CardInfo[]): Map<string, CardInfo> {
    const byOwner = new Map<string, CardInfo[]>();
    for (const c of cards) if (c.ownerId) byOwner.set(c.ownerId, [...(byOwner.get(c.ownerId) ?? []), c]);
    const out = new Map<string, CardInfo>();
    for (const [owner, list] of byOwner) {
      const chosen = this.choose(list);
      if (chosen) out.set(owner, chosen);
    }
    return out;
  }

  /** Every owner's card (key scan and bulk load). */
  async allByOwner(): Promise<Map<string, CardInfo>> {
    const rows = await scanRows(this.ctx.client, this.n.set, this.select(), this.baseFilter(), this.ctx.options.keyPageSize ?? 5000);
    return this.group(rows.map((r) => this.info(r)));
  }

  /** Cards of the given owners, all from one entity set (the composite filter needs the type, ref §1.5). */
  async forOwners(ownerIds: readonly string[], ownerSet: string): Promise<Map<string, CardInfo>> {
    const query = (batch: string[]) => {
      const byOwner = batch.map((id) => `${this.n.owner} eq ${castLiteral(id, ownerSet)}`).join(' or ');
      return { select: this.select(), filter: `(${byOwner}) and ${this.baseFilter()}`, top: 1000 };
    };
    const pages = await mapLimit(listBatches(ownerIds, 10, query), 3, (batch) => this.ctx.client.list(this.n.set, query(batch)));
    return this.group(pages.flat().map((r) => this.info(r)));
  }

  async byNumber(number: string): Promise<CardInfo[]> {
    const rows = await this.ctx.client.list(this.n.set, { select: this.select(), filter: `${this.n.number} eq ${stringLiteral(number)} and ${this.baseFilter()}`, top: 10 });
    return rows.map((r) => this.info(r));
  }

  /**
   * Makes `number` the owner's card: nothing when it already is, assigns an ownerless card, registers a new one.
   * A card owned by someone else is refused (the administrator decides in 1С).
   */
  async ensure(owner: { id: string; set: string }, number: string): Promise<void> {
    const n = this.n;
    const existing = await this.byNumber(number);
    const mine = existing.find((c) => c.ownerId === owner.id.toLowerCase());
    const now = isoToNaive(this.ctx.now(), this.ctx.options.timeZone);
    if (mine) {
      // Already theirs; make it the current one if an older card is newer by date (no date published: nothing to do).
      if (!isPublished(this.ctx.model, n.set, n.openedAt)) return;
      const current = this.choose(await this.ownerCards(owner));
      if (current && current.id !== mine.id) await this.ctx.client.patch(n.set, mine.id, { [n.openedAt]: now });
      return;
    }
    const other = existing.find((c) => c.ownerId !== null);
    if (other) {
      throw new OnecError('MAPPING', `Карта «${number}» в 1С уже принадлежит другому покупателю. Проверьте номер карты; если карту передали этому покупателю, смените владельца карты в 1С.`);
    }
    const free = existing[0];
    const ownerFields = publishedBody(this.ctx.model, n.set, { [n.owner]: owner.id, [`${n.owner}_Type`]: `StandardODATA.${owner.set}`, [n.openedAt]: now });
    if (free) {
      await this.ctx.client.patch(n.set, free.id, ownerFields);
      return;
    }
    const kind = this.ctx.options.discountCardKindId;
    if (!kind) {
      throw new OnecConfigError(`Карту «${number}» нельзя зарегистрировать в 1С: не выбран вид дисконтной карты для новых карт. Выберите его в настройках сопоставления (раздел «Бонусные карты»).`);
    }
    const created = await this.ctx.client.create(
      n.set,
      publishedBody(this.ctx.model, n.set, {
        Description: number,
        [n.number]: number,
        ...ownerFields,
        [n.discountKind]: kind,
        [n.cardType]: n.cardTypeDiscount,
        [n.medium]: n.mediumBarcode,
      }),
    );
    if (toStr(created[n.number]) !== number) {
      throw new OnecError('WRITE_MISMATCH', `1С сохранила карту с номером «${toStr(created[n.number])}» вместо «${number}». Проверьте номер карты.`);
    }
  }

  private async ownerCards(owner: { id: string; set: string }): Promise<CardInfo[]> {
    const byOwner = `${this.n.owner} eq ${castLiteral(owner.id, owner.set)}`;
    const rows = await this.ctx.client.list(this.n.set, { select: this.select(), filter: `${byOwner} and ${this.baseFilter()}`, top: 1000 });
    return rows.map((r) => this.info(r));
  }
}
