/**
 * Reference data the adapters need, loaded once per connector and cached: predefined contact-information kinds
 * (resolved by PredefinedDataName at start-up, ref §2.1), units, payment kinds, product names for order lines.
 */
import { OnecConfigError } from './errors';
import type { OnecContext } from './options';
import { publishedOnly } from './metadata';
import { fetchByIds, scanRows } from './reads';
import { refOrNull, toStr } from './convert';

export interface ContactKinds {
  personPhone: string;
  personEmail: string;
  companyPhone: string;
  companyEmail: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
}

export class ReferenceCache {
  private kinds: Promise<ContactKinds> | null = null;
  private units: Promise<Unit[]> | null = null;
  private paymentKinds: Promise<Map<string, string>> | null = null;
  private readonly productNames = new Map<string, string>();

  constructor(private readonly ctx: OnecContext) {}

  contactKinds(): Promise<ContactKinds> {
    this.kinds ??= this.loadKinds().catch((err) => {
      this.kinds = null;
      throw err;
    });
    return this.kinds;
  }

  private async loadKinds(): Promise<ContactKinds> {
    const n = this.ctx.names.contactKinds;
    const rows = await this.ctx.client.list(n.set, { select: publishedOnly(this.ctx.model, n.set, ['Ref_Key', 'PredefinedDataName']), filter: 'Predefined eq true', top: 5000 });
    const byName = new Map(rows.map((r) => [toStr(r.PredefinedDataName), toStr(r.Ref_Key).toLowerCase()]));
    const pick = (name: string): string => {
      const id = byName.get(name);
      if (!id) {
        throw new OnecConfigError(
          `В справочнике «Виды контактной информации» 1С нет предопределённого вида «${name}» — телефоны и почту записать нельзя. Укажите фактическое имя вида в настройках сопоставления 1С (раздел «Имена объектов 1С»).`,
        );
      }
      return id;
    };
    return { personPhone: pick(n.personPhone), personEmail: pick(n.personEmail), companyPhone: pick(n.companyPhone), companyEmail: pick(n.companyEmail) };
  }

  allUnits(): Promise<Unit[]> {
    const u = this.ctx.names.units.set;
    this.units ??= scanRows(this.ctx.client, u, publishedOnly(this.ctx.model, u, ['Ref_Key', 'Code', 'Description']), undefined, 1000)
      .then((rows) => rows.map((r) => ({ id: toStr(r.Ref_Key).toLowerCase(), code: toStr(r.Code).trim(), name: toStr(r.Description).trim() })))
      .catch((err) => {
        this.units = null;
        throw err;
      });
    return this.units;
  }

  /** ВидыОплатЧекаККМ id → ТипОплаты enum value. */
  paymentKindTypes(): Promise<Map<string, string>> {
    const n = this.ctx.names.paymentKinds;
    this.paymentKinds ??= scanRows(this.ctx.client, n.set, publishedOnly(this.ctx.model, n.set, ['Ref_Key', n.type]), undefined, 1000)
      .then((rows) => new Map(rows.map((r) => [toStr(r.Ref_Key).toLowerCase(), toStr(r[n.type])])))
      .catch((err) => {
        this.paymentKinds = null;
        throw err;
      });
    return this.paymentKinds;
  }

  /** Names of products (for order lines), fetched in batches for the ids not seen yet. */
  async names(ids: Iterable<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!refOrNull(id)))];
    const missing = wanted.filter((id) => !this.productNames.has(id));
    if (missing.length > 0) {
      const rows = await fetchByIds(this.ctx.client, this.ctx.names.product.set, missing, ['Ref_Key', 'Description']);
      for (const id of missing) this.productNames.set(id, toStr(rows.get(id)?.Description));
    }
    return new Map(wanted.map((id) => [id, this.productNames.get(id) ?? '']));
  }
}
