// The portal's data: one Map per table plus id sequences. Dictionaries are re-created on every reset.
import { dealCategories, dealStages, otherStatuses } from './dictionaries';
import type {
  CatalogProduct, CatalogSection, CrmKind, CrmRecord, CrmStatus, DealCategory, Payment, PaymentProduct, Price,
  ProductRow, UserField,
} from './types';

export type Sequence =
  | 'contact' | 'company' | 'deal' | 'multifield' | 'productRow' | 'product' | 'section' | 'price'
  | 'requisite' | 'payment' | 'paymentProduct' | 'userField' | 'status' | 'category';

export class PortalState {
  contacts = new Map<number, CrmRecord>();
  companies = new Map<number, CrmRecord>();
  deals = new Map<number, CrmRecord>();
  productRows = new Map<number, ProductRow>();
  products = new Map<number, CatalogProduct>();
  sections = new Map<number, CatalogSection>();
  prices = new Map<number, Price>();
  requisites = new Map<number, Record<string, unknown>>();
  payments = new Map<number, Payment>();
  paymentProducts = new Map<number, PaymentProduct>();
  userFields = new Map<number, UserField>();
  statuses = new Map<number, CrmStatus>();
  categories = new Map<number, DealCategory>();
  /** ids deleted through the API or by a person, for inspection */
  deleted: Record<CrmKind, number[]> = { contact: [], company: [], deal: [] };
  private seq = new Map<Sequence, number>();

  constructor() {
    this.reset();
  }

  reset(): void {
    for (const m of [this.contacts, this.companies, this.deals, this.productRows, this.products, this.sections, this.prices, this.requisites, this.payments, this.paymentProducts, this.userFields, this.statuses, this.categories]) m.clear();
    this.deleted = { contact: [], company: [], deal: [] };
    this.seq.clear();
    // Real portals never start at 1 for everything; distinct bases catch id mix-ups between entities.
    this.seq.set('contact', 0);
    this.seq.set('company', 100);
    this.seq.set('deal', 1000);
    this.seq.set('multifield', 5000);
    this.seq.set('productRow', 7000);
    this.seq.set('product', 200);
    this.seq.set('section', 30);
    this.seq.set('price', 400);
    for (const c of dealCategories) this.categories.set(c.id, { ...c });
    this.seq.set('category', Math.max(...dealCategories.map((c) => c.id)));
    for (const s of [...dealStages(), ...otherStatuses()]) {
      const id = this.nextId('status');
      this.statuses.set(id, { ID: id, ...s });
    }
  }

  nextId(s: Sequence): number {
    const v = (this.seq.get(s) ?? 0) + 1;
    this.seq.set(s, v);
    return v;
  }

  crmTable(kind: CrmKind): Map<number, CrmRecord> {
    return kind === 'contact' ? this.contacts : kind === 'company' ? this.companies : this.deals;
  }

  stagesOf(categoryId: number): CrmStatus[] {
    const entity = categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`;
    return [...this.statuses.values()].filter((s) => s.ENTITY_ID === entity).sort((a, b) => a.SORT - b.SORT);
  }

  userFieldsOf(entityId: string): UserField[] {
    return [...this.userFields.values()].filter((u) => u.ENTITY_ID === entityId);
  }
}
