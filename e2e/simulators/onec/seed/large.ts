import type { Row } from '../edm/values';
import type { Infobase } from '../store/infobase';
import { addBarcode, createCard, createPerson, createProduct, ean13, emailFor, setPrices } from './builders';
import { randomName } from './names';
import { REFS } from './refs';
import { int, pick, type Rng } from './rng';

// 'large' seed: deterministic generator for volume tests (default 50,000 persons with contact info).

export interface LargeCounts {
  persons: number;
  companies: number;
  products: number;
  cards: number;
  orders: number;
}

export const DEFAULT_LARGE: LargeCounts = { persons: 50_000, companies: 2_000, products: 1_000, cards: 10_000, orders: 2_000 };

export function seedLarge(ib: Infobase, rng: Rng, counts: LargeCounts = DEFAULT_LARGE): void {
  const persons: Row[] = [];
  for (let i = 0; i < counts.persons; i++) {
    const name = randomName(rng);
    persons.push(
      createPerson(ib, {
        name,
        phone: `9${String(100000000 + ((i * 7919) % 900000000)).padStart(9, '0')}`,
        email: rng() < 0.7 ? emailFor(name, i) : undefined,
        store: i % 2 === 0 ? REFS.stores.main : REFS.stores.second,
      }),
    );
  }
  const companies: Row[] = [];
  for (let i = 0; i < counts.companies; i++) {
    companies.push(
      ib.create('Catalog_Контрагенты', {
        Description: `ООО "Компания ${i + 1}"`,
        НаименованиеПолное: `Общество с ограниченной ответственностью "Компания ${i + 1}"`,
        ИНН: String(6600000000 + i),
        КПП: '660001001',
        ЮрФизЛицо: 'ЮрЛицо',
      }),
    );
  }
  const products: Row[] = [];
  for (let i = 0; i < counts.products; i++) {
    const p = createProduct(ib, {
      name: `Товар ${String(i + 1).padStart(5, '0')}`,
      sku: `SKU-${i + 1}`,
      unit: REFS.units.pcs,
      vat: i % 3 === 0 ? 'НДС10' : 'НДС20',
    });
    products.push(p);
    addBarcode(ib, ean13(`46100${String(i).padStart(7, '0')}`), 'Catalog_Номенклатура', String(p.Ref_Key));
  }
  if (products.length > 0) {
    setPrices(
      ib,
      '2024-01-10T09:00:00',
      products.map((p) => ({ product: String(p.Ref_Key), priceType: REFS.priceTypes.retail, price: int(rng, 50, 5000) })),
      true,
    );
  }
  for (let i = 0; i < Math.min(counts.cards, persons.length); i++) {
    createCard(ib, {
      code: ean13(`20${String(i + 1).padStart(10, '0')}`),
      owner: { set: 'Catalog_ФизическиеЛица', key: String(persons[i].Ref_Key) },
    });
  }
  for (let i = 0; i < counts.orders && products.length > 0 && persons.length > 0; i++) {
    const n = int(rng, 1, 3);
    const lines = Array.from({ length: n }, (_, j) => {
      const product = pick(rng, products);
      const qty = int(rng, 1, 5);
      const price = int(rng, 50, 5000);
      return { LineNumber: j + 1, Номенклатура_Key: product.Ref_Key, Количество: qty, Цена: price, Сумма: qty * price, СтавкаНДС: product.СтавкаНДС };
    });
    const person = persons[i % persons.length];
    const doc = ib.create('Document_ЗаказПокупателя', {
      Date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T12:00:00`,
      Статус: pick(rng, ['НеСогласован', 'Согласован', 'Закрыт']),
      Магазин_Key: i % 2 === 0 ? REFS.stores.main : REFS.stores.second,
      Склад_Key: i % 2 === 0 ? REFS.warehouses.main : REFS.warehouses.second,
      Организация_Key: REFS.organization,
      Контрагент_Key: companies.length > 0 && i % 10 === 0 ? companies[i % companies.length].Ref_Key : REFS.counterparties.retailBuyer,
      ВладелецДисконтнойКарты: person.Ref_Key,
      ВладелецДисконтнойКарты_Type: 'StandardODATA.Catalog_ФизическиеЛица',
      СуммаДокумента: lines.reduce((s, l) => s + l.Сумма, 0),
      Товары: lines,
    });
    if (i % 4 !== 0) ib.post('Document_ЗаказПокупателя', String(doc.Ref_Key));
  }
}
