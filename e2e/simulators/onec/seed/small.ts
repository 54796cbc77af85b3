import type { Row } from '../edm/values';
import type { Infobase } from '../store/infobase';
import { addBarcode, createCard, createPerson, createProduct, ean13, emailFor, setPrices } from './builders';
import { emailRow, numbered, phoneRow } from './contacts';
import { randomName } from './names';
import { REFS } from './refs';
import { int, type Rng } from './rng';

// 'small' seed: ≈20 persons with phones/e-mails and cards, 5 companies with ИНН, 15 products with
// units, barcodes and prices, 2 stores, 1 organisation, warehouses, orders and payment documents.

const COMPANIES = [
  { name: 'ООО "Альфа"', full: 'Общество с ограниченной ответственностью "Альфа"', inn: '6658000001', kpp: '665801001', kind: 'ЮрЛицо', phone: '3433100001', email: 'info@alfa.example.ru' },
  { name: 'АО "Бета"', full: 'Акционерное общество "Бета"', inn: '7707000002', kpp: '770701001', kind: 'ЮрЛицо', phone: '4957000002', email: 'office@beta.example.ru' },
  { name: 'ИП Сидоров Петр Ильич', full: 'Индивидуальный предприниматель Сидоров Петр Ильич', inn: '661200000003', kpp: '', kind: 'ИндивидуальныйПредприниматель', phone: '9120000003', email: 'sidorov@example.ru' },
  { name: 'ООО "Гамма"', full: 'Общество с ограниченной ответственностью "Гамма"', inn: '6670000004', kpp: '667001001', kind: 'ЮрЛицо', phone: '3433100004', email: '' },
  { name: 'ООО "Дельта Трейд"', full: 'Общество с ограниченной ответственностью "Дельта Трейд"', inn: '6671000005', kpp: '667101001', kind: 'ЮрЛицо', phone: '', email: 'sales@delta.example.ru' },
];

const PRODUCTS = [
  { name: 'Молоко 3,2% 1 л', sku: 'MLK-001', unit: REFS.units.l, vat: 'НДС10', price: 89.9 },
  { name: 'Хлеб Бородинский', sku: 'BRD-002', unit: REFS.units.pcs, vat: 'НДС10', price: 54.5 },
  { name: 'Сыр Российский', sku: 'CHS-003', unit: REFS.units.kg, vat: 'НДС10', price: 749, weight: true },
  { name: 'Кофе молотый 250 г', sku: 'COF-004', unit: REFS.units.pcs, vat: 'НДС20', price: 399 },
  { name: 'Чай черный 100 пак.', sku: 'TEA-005', unit: REFS.units.pcs, vat: 'НДС20', price: 289 },
  { name: 'Сахар 1 кг', sku: 'SUG-006', unit: REFS.units.pcs, vat: 'НДС10', price: 79.9 },
  { name: 'Масло сливочное 82,5%', sku: 'BTR-007', unit: REFS.units.pcs, vat: 'НДС10', price: 219 },
  { name: 'Яйца С1 10 шт', sku: 'EGG-008', unit: REFS.units.pcs, vat: 'НДС10', price: 119.9 },
  { name: 'Шоколад горький 90 г', sku: 'CHO-009', unit: REFS.units.pcs, vat: 'НДС20', price: 129 },
  { name: 'Вода минеральная 0,5 л', sku: 'WAT-010', unit: REFS.units.pcs, vat: 'НДС20', price: 49.9 },
  { name: 'Сок яблочный 1 л', sku: 'JUC-011', unit: REFS.units.pcs, vat: 'НДС20', price: 139 },
  { name: 'Макароны спагетти 450 г', sku: 'PST-012', unit: REFS.units.pcs, vat: 'НДС10', price: 99.9 },
  { name: 'Рис круглозерный 900 г', sku: 'RIC-013', unit: REFS.units.pcs, vat: 'НДС10', price: 119 },
  { name: 'Подарочный сертификат 1000', sku: 'GFT-014', unit: REFS.units.pcs, vat: 'БезНДС', price: 1000, type: 'ПодарочныйСертификат' },
  { name: 'Доставка', sku: 'SRV-015', unit: REFS.units.pcs, vat: 'БезНДС', price: 300, type: 'Услуга' },
];

const phoneDigits = (rng: Rng): string => `9${String(int(rng, 100000000, 999999999))}`;

function seedPeople(ib: Infobase, rng: Rng): Row[] {
  const persons: Row[] = [];
  for (let i = 0; i < 20; i++) {
    const name = randomName(rng);
    persons.push(
      createPerson(ib, {
        name,
        phone: i % 7 === 6 ? undefined : phoneDigits(rng),
        extraPhone: i === 0 ? phoneDigits(rng) : undefined,
        email: i % 5 === 4 ? undefined : emailFor(name, i),
        birth: `${1965 + int(rng, 0, 35)}-0${int(rng, 1, 9)}-1${int(rng, 0, 9)}T00:00:00`,
        store: i % 3 === 2 ? REFS.stores.second : REFS.stores.main,
        deleted: i === 19,
      }),
    );
  }
  return persons;
}

function seedCompanies(ib: Infobase): Row[] {
  return COMPANIES.map((c) =>
    ib.create('Catalog_Контрагенты', {
      Description: c.name,
      НаименованиеПолное: c.full,
      ИНН: c.inn,
      КПП: c.kpp,
      ЮрФизЛицо: c.kind,
      КонтактнаяИнформация: numbered([
        ...(c.phone ? [phoneRow(REFS.ciKinds.ТелефонКонтрагента, c.phone)] : []),
        ...(c.email ? [emailRow(REFS.ciKinds.EmailКонтрагента, c.email)] : []),
      ]),
    }),
  );
}

type Line = { product: Row; qty: number; price: number };

function orderLines(lines: Line[]): { rows: Record<string, unknown>[]; total: number } {
  const rows = lines.map((l, i) => ({
    LineNumber: i + 1,
    Номенклатура_Key: l.product.Ref_Key,
    Количество: l.qty,
    КоличествоУпаковок: l.qty,
    Цена: l.price,
    Сумма: Math.round(l.qty * l.price * 100) / 100,
    СтавкаНДС: l.product.СтавкаНДС,
    КлючСвязи: i + 1,
    КодСтроки: i + 1,
  }));
  return { rows, total: rows.reduce((s, r) => s + r.Сумма, 0) };
}

function seedDocuments(ib: Infobase, persons: Row[], companies: Row[], products: Row[], cards: Row[]): void {
  const header = { Магазин_Key: REFS.stores.main, Склад_Key: REFS.warehouses.main, Организация_Key: REFS.organization, ЦенаВключаетНДС: true };
  const order = (date: string, status: string, lines: Line[], extra: Record<string, unknown>, post: boolean): Row => {
    const { rows, total } = orderLines(lines);
    const doc = ib.create('Document_ЗаказПокупателя', {
      ...header,
      Date: date,
      Статус: status,
      Товары: rows,
      СуммаДокумента: total,
      МаксимальныйКодСтроки: rows.length,
      ...extra,
    });
    return post ? ib.post('Document_ЗаказПокупателя', String(doc.Ref_Key)) : doc;
  };
  const owner = (p: Row) => ({ ВладелецДисконтнойКарты: p.Ref_Key, ВладелецДисконтнойКарты_Type: 'StandardODATA.Catalog_ФизическиеЛица' });
  const o1 = order(
    '2025-01-15T10:00:00',
    'Согласован',
    [
      { product: products[0], qty: 2, price: 89.9 },
      { product: products[3], qty: 1, price: 399 },
    ],
    { Контрагент_Key: REFS.counterparties.retailBuyer, ДисконтнаяКарта_Key: cards[0].Ref_Key, ...owner(persons[0]), НомерЗаказаНаСайте: 'B24-1001', ДатаЗаказаНаСайте: '2025-01-15T09:55:00' },
    true,
  );
  const o2 = order('2025-01-20T12:30:00', 'НеСогласован', [{ product: products[4], qty: 3, price: 289 }], { Контрагент_Key: companies[0].Ref_Key }, false);
  const o3 = order(
    '2025-02-01T16:45:00',
    'Закрыт',
    [
      { product: products[1], qty: 1, price: 54.5 },
      { product: products[2], qty: 0.35, price: 749 },
      { product: products[8], qty: 2, price: 129 },
    ],
    { Контрагент_Key: REFS.counterparties.retailBuyer, ДисконтнаяКарта_Key: cards[1].Ref_Key, ...owner(persons[1]) },
    true,
  );
  order('2025-02-05T11:00:00', 'НеСогласован', [{ product: products[5], qty: 1, price: 79.9 }], { Контрагент_Key: REFS.counterparties.retailBuyer, DeletionMark: true }, false);

  const o3lines = (o3.Товары as Row[]).map((l, i) => ({ ...l, LineNumber: i + 1, ЗаказПокупателя_Key: o3.Ref_Key, Склад_Key: REFS.warehouses.main }));
  const check = ib.create('Document_ЧекККМ', {
    Date: '2025-02-01T17:00:00',
    ВидОперации: 'Продажа',
    СтатусЧекаККМ: 'Пробитый',
    Магазин_Key: REFS.stores.main,
    КассаККМ_Key: REFS.cashRegisters.main,
    Организация_Key: REFS.organization,
    ЗаказПокупателя_Key: o3.Ref_Key,
    ДисконтнаяКарта_Key: cards[1].Ref_Key,
    ...owner(persons[1]),
    Контрагент_Key: REFS.counterparties.retailBuyer,
    СуммаДокумента: o3.СуммаДокумента,
    НомерЧекаККМ: 15,
    ДокументРасчета: o3.Ref_Key,
    ДокументРасчета_Type: 'StandardODATA.Document_ЗаказПокупателя',
    ЦенаВключаетНДС: true,
    Товары: o3lines,
    Оплата: [
      { LineNumber: 1, ВидОплаты_Key: REFS.paymentKinds.cash, Сумма: 100 },
      { LineNumber: 2, ВидОплаты_Key: REFS.paymentKinds.card, Сумма: Math.round((Number(o3.СуммаДокумента) - 100) * 100) / 100, НомерПлатежнойКарты: '220220******1234', СсылочныйНомер: '000123456789' },
    ],
  });
  ib.post('Document_ЧекККМ', String(check.Ref_Key));

  const basis = { ДокументОснование: o1.Ref_Key, ДокументОснование_Type: 'StandardODATA.Document_ЗаказПокупателя', ЗаказПокупателя_Key: o1.Ref_Key };
  const breakdown = (sum: number) => [{ LineNumber: 1, ДокументРасчетовСКонтрагентом: o1.Ref_Key, ДокументРасчетовСКонтрагентом_Type: 'StandardODATA.Document_ЗаказПокупателя', Сумма: sum }];
  const cash = ib.create('Document_ПриходныйКассовыйОрдер', {
    Date: '2025-01-16T10:00:00',
    ХозяйственнаяОперация: 'ПоступлениеОплатыОтКлиента',
    Организация_Key: REFS.organization,
    КассаККМ_Key: REFS.cashRegisters.main,
    Контрагент_Key: REFS.counterparties.retailBuyer,
    ...basis,
    СуммаДокумента: 200,
    ПринятоОт: 'Иванов И.И.',
    Основание: 'Оплата по заказу B24-1001',
    РасшифровкаПлатежа: breakdown(200),
  });
  ib.post('Document_ПриходныйКассовыйОрдер', String(cash.Ref_Key));
  const rest = Math.round((Number(o1.СуммаДокумента) - 200) * 100) / 100;
  const card = ib.create('Document_ОплатаОтПокупателяПлатежнойКартой', {
    Date: '2025-01-16T10:05:00',
    Организация_Key: REFS.organization,
    Магазин_Key: REFS.stores.main,
    КассаККМ_Key: REFS.cashRegisters.main,
    ВидОплаты_Key: REFS.paymentKinds.card,
    Контрагент_Key: REFS.counterparties.retailBuyer,
    ...basis,
    СуммаДокумента: rest,
    НомерПлатежнойКарты: '220220******5678',
    ОплатаВыполнена: true,
    РасшифровкаПлатежа: breakdown(rest),
  });
  ib.post('Document_ОплатаОтПокупателяПлатежнойКартой', String(card.Ref_Key));
  const bank = ib.create('Document_РегистрацияБезналичнойОплаты', {
    Date: '2025-01-21T09:00:00',
    Магазин_Key: REFS.stores.main,
    Организация_Key: REFS.organization,
    Контрагент_Key: companies[0].Ref_Key,
    ЗаказПокупателя_Key: o2.Ref_Key,
    ДокументОснование: o2.Ref_Key,
    ДокументОснование_Type: 'StandardODATA.Document_ЗаказПокупателя',
    СуммаДокумента: o2.СуммаДокумента,
  });
  ib.post('Document_РегистрацияБезналичнойОплаты', String(bank.Ref_Key));
}

export function seedSmall(ib: Infobase, rng: Rng): void {
  const persons = seedPeople(ib, rng);
  const companies = seedCompanies(ib);
  const products = PRODUCTS.map((p) => createProduct(ib, p));
  products.forEach((p, i) => addBarcode(ib, ean13(`4600000000${String(i + 1).padStart(2, '0')}`), 'Catalog_Номенклатура', String(p.Ref_Key)));
  setPrices(
    ib,
    '2024-01-10T09:00:00',
    [
      ...products.map((p, i) => ({ product: String(p.Ref_Key), priceType: REFS.priceTypes.retail, price: PRODUCTS[i].price })),
      ...products.slice(0, 13).map((p, i) => ({ product: String(p.Ref_Key), priceType: REFS.priceTypes.purchase, price: Math.round(PRODUCTS[i].price * 70) / 100 })),
    ],
    true,
    'Начальные цены',
  );
  setPrices(
    ib,
    '2024-03-01T09:00:00',
    [0, 3, 6].map((i) => ({ product: String(products[i].Ref_Key), priceType: REFS.priceTypes.retail, price: Math.round(PRODUCTS[i].price * 110) / 100 })),
    true,
    'Повышение цен',
  );
  setPrices(ib, '2024-04-01T09:00:00', [{ product: String(products[0].Ref_Key), priceType: REFS.priceTypes.retail, price: 1 }], false, 'Черновик');
  const cards = persons.slice(0, 6).map((p, i) =>
    createCard(ib, {
      code: ean13(`2000000000${String(i + 1).padStart(2, '0')}`),
      owner: { set: 'Catalog_ФизическиеЛица', key: String(p.Ref_Key) },
      kind: i % 2 === 0 ? REFS.discountCardKinds.discount5 : REFS.discountCardKinds.discount10,
      magnetic: i === 5,
    }),
  );
  cards.push(createCard(ib, { code: ean13('200000000007'), owner: { set: 'Catalog_Контрагенты', key: String(companies[0].Ref_Key) } }));
  cards.push(createCard(ib, { code: ean13('200000000008') }));
  seedDocuments(ib, persons, companies, products, cards);
}
