// Seeds: 'small' — 20 contacts, 10 companies (3 with requisites), 10 products with prices in 2 sections,
// 5 deals with rows in both funnels, one paid payment; 'large' — thousands of each, generated
// deterministically. Timestamps are fixed in the past so every run yields identical data.
import { createProduct } from '../catalog/products';
import type { FmOp } from '../crm/multifields';
import { setRows } from '../crm/product-rows';
import { createRecord } from '../crm/records';
import type { Ctx } from '../methods/types';
import type { SeedKind } from '../options';
import { BASE_PRICE_TYPE_ID, PRODUCT_IBLOCK_ID } from '../state/dictionaries';
import type { CrmRecord } from '../state/types';
import { COMPANY_WORDS, feminine, femininePatronymic, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, PATRONYMICS, PRODUCTS } from './names';
import { SeedRandom } from './random';

const BASE_MS = Date.parse('2025-06-02T06:00:00Z');
const ORIGINATOR = 'onec-roznica:demo';

interface Sizes { contacts: number; companies: number; products: number; deals: number; requisites: number }
const SIZES: Record<Exclude<SeedKind, 'none'>, Sizes> = {
  small: { contacts: 20, companies: 10, products: 10, deals: 5, requisites: 3 },
  large: { contacts: 5000, companies: 1000, products: 2000, deals: 1500, requisites: 300 },
};

function backdate(rec: CrmRecord, i: number, rnd: SeedRandom): void {
  const created = BASE_MS + i * 3_600_000;
  rec.fields.DATE_CREATE = created;
  rec.fields.DATE_MODIFY = created + rnd.int(0, 30) * 86_400_000;
  if (rec.fields.MOVED_TIME) rec.fields.MOVED_TIME = created;
}

function seedCatalog(ctx: Ctx, rnd: SeedRandom, n: number): number[] {
  const s = ctx.state;
  const sections = ['Продукты', 'Напитки'].map((name, i) => {
    const id = s.nextId('section');
    s.sections.set(id, { id, iblockId: PRODUCT_IBLOCK_ID, iblockSectionId: null, name, xmlId: rnd.guid(), code: `section_${i + 1}`, sort: 100 * (i + 1), active: 'Y', description: null, timestampX: BASE_MS });
    return id;
  });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = PRODUCTS[i % PRODUCTS.length];
    const p = createProduct(ctx, { iblockId: PRODUCT_IBLOCK_ID, name: n > PRODUCTS.length ? `${base} №${i + 1}` : base, xmlId: rnd.guid(), code: `p${i + 1}`, iblockSectionId: sections[i % 2], measure: i % 7 === 3 ? 4 : 5, vatId: 4, vatIncluded: 'Y' });
    p.dateCreate = p.timestampX = BASE_MS + i * 60_000;
    const priceId = s.nextId('price');
    s.prices.set(priceId, { id: priceId, productId: p.id, catalogGroupId: BASE_PRICE_TYPE_ID, price: rnd.int(30, 3000), currency: 'RUB', quantityFrom: null, quantityTo: null, extraId: null, timestampX: BASE_MS });
    ids.push(p.id);
  }
  return ids;
}

function seedCompanies(ctx: Ctx, rnd: SeedRandom, sz: Sizes): number[] {
  const ids: number[] = [];
  for (let i = 0; i < sz.companies; i++) {
    const title = `ООО «${rnd.pick(COMPANY_WORDS)}${sz.companies > COMPANY_WORDS.length ? ` ${i + 1}` : ''}»`;
    const synced = i % 3 === 0;
    const rec = createRecord({ ...ctx, userId: i % 4 === 0 ? 7 : 1 }, 'company', {
      fields: { TITLE: title, COMPANY_TYPE: 'CUSTOMER', ...(synced ? { ORIGINATOR_ID: ORIGINATOR, ORIGIN_ID: rnd.guid() } : {}) },
      fmOps: [{ op: 'add', typeId: 'PHONE', value: rnd.phone(), valueType: 'WORK' }, { op: 'add', typeId: 'EMAIL', value: `office${i + 1}@company${i + 1}.ru`, valueType: 'WORK' }],
    }, 'legacy');
    backdate(rec, i, rnd);
    ids.push(rec.ID);
    if (i < sz.requisites) {
      const rid = ctx.state.nextId('requisite');
      const inn = String(7700000000 + i * 13);
      ctx.state.requisites.set(rid, { ID: rid, ENTITY_TYPE_ID: 4, ENTITY_ID: rec.ID, PRESET_ID: 1, NAME: 'Организация', ACTIVE: 'Y', SORT: 500, RQ_COMPANY_NAME: title, RQ_INN: inn, RQ_KPP: '770101001', DATE_CREATE: BASE_MS, DATE_MODIFY: BASE_MS, CREATED_BY_ID: 1, MODIFY_BY_ID: 1 });
    }
  }
  return ids;
}

function seedContacts(ctx: Ctx, rnd: SeedRandom, sz: Sizes, companies: number[]): number[] {
  const ids: number[] = [];
  let sharedPhone = '';
  for (let i = 0; i < sz.contacts; i++) {
    const female = i % 2 === 1;
    const last = rnd.pick(LAST_NAMES);
    const phone = i === 5 ? sharedPhone : rnd.phone(); // two contacts share one phone: duplicates are common (ref §12)
    if (i === 4) sharedPhone = phone;
    const synced = i % 4 === 0;
    const fields: Record<string, unknown> = {
      NAME: rnd.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M),
      LAST_NAME: female ? feminine(last) : last,
      SECOND_NAME: female ? femininePatronymic(rnd.pick(PATRONYMICS)) : rnd.pick(PATRONYMICS),
      TYPE_ID: 'CLIENT',
      SOURCE_ID: 'STORE',
      ...(i % 5 === 2 && companies.length ? { COMPANY_ID: companies[i % companies.length] } : {}),
      ...(synced ? { ORIGINATOR_ID: ORIGINATOR, ORIGIN_ID: rnd.guid() } : {}),
    };
    const fmOps: FmOp[] = [{ op: 'add', typeId: 'PHONE', value: phone, valueType: 'MOBILE' }];
    if (i % 3 !== 2) fmOps.push({ op: 'add', typeId: 'EMAIL', value: `client${i + 1}@mail.example.ru`, valueType: 'HOME' });
    const rec = createRecord({ ...ctx, userId: i % 5 === 0 ? 7 : 1 }, 'contact', { fields, fmOps }, 'legacy');
    backdate(rec, i, rnd);
    ids.push(rec.ID);
  }
  return ids;
}

function seedDeals(ctx: Ctx, rnd: SeedRandom, sz: Sizes, contacts: number[], products: number[]): void {
  const priceOf = new Map([...ctx.state.prices.values()].map((p) => [p.productId, p.price]));
  for (let i = 0; i < sz.deals; i++) {
    const funnel = i % 2;
    const stages = ctx.state.stagesOf(funnel);
    const stage = stages[rnd.int(0, stages.length - 1)];
    const rec = createRecord(ctx, 'deal', {
      fields: { TITLE: `Заказ №${1000 + i}`, CATEGORY_ID: funnel, STAGE_ID: stage.STATUS_ID, CONTACT_ID: contacts[i % contacts.length], SOURCE_ID: 'STORE', ...(i === 2 ? { IS_MANUAL_OPPORTUNITY: 'Y', OPPORTUNITY: 999 } : {}), ...(i % 2 === 0 ? { ORIGINATOR_ID: ORIGINATOR, ORIGIN_ID: rnd.guid() } : {}) },
      fmOps: [],
    }, 'legacy');
    const rows = Array.from({ length: rnd.int(1, 3) }, () => {
      const pid = rnd.pick(products);
      const price = priceOf.get(pid) ?? 100;
      return { PRODUCT_ID: pid, PRICE: price, QUANTITY: rnd.int(1, 5), TAX_RATE: 20, TAX_INCLUDED: 'Y' };
    });
    setRows(ctx, rec, rows);
    backdate(rec, i, rnd);
    if (i === 1) {
      const row = [...ctx.state.productRows.values()].find((r) => r.OWNER_ID === rec.ID);
      const pid = ctx.state.nextId('payment');
      ctx.state.payments.set(pid, { id: pid, entityTypeId: 2, entityId: rec.ID, accountNumber: `${rec.ID}/1`, paid: 'Y', datePaid: BASE_MS, empPaidId: 1, paySystemId: 1, currency: 'RUB', dateBill: BASE_MS });
      if (row) {
        const ppId = ctx.state.nextId('paymentProduct');
        ctx.state.paymentProducts.set(ppId, { id: ppId, paymentId: pid, rowId: row.ID, quantity: row.QUANTITY });
      }
    }
  }
}

export function seedPortal(ctx: Ctx, kind: SeedKind): void {
  if (kind === 'none') return;
  const sz = SIZES[kind];
  const rnd = new SeedRandom(kind === 'small' ? 20250602 : 42);
  const products = seedCatalog(ctx, rnd, sz.products);
  const companies = seedCompanies(ctx, rnd, sz);
  const contacts = seedContacts(ctx, rnd, sz, companies);
  seedDeals(ctx, rnd, sz, contacts, products);
}
