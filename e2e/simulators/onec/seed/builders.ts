import type { Row } from '../edm/values';
import type { Infobase } from '../store/infobase';
import { emailRow, numbered, phoneRow, type Body } from './contacts';
import { fullName, translit, type PersonName } from './names';
import { REFS } from './refs';

// Builders shared by the seeds: persons with contact info and ФИО records, cards, products, barcodes.

export interface PersonSpec {
  name: PersonName;
  phone?: string; // 10 digits
  extraPhone?: string;
  email?: string;
  birth?: string;
  store?: string;
  deleted?: boolean;
}

export function createPerson(ib: Infobase, p: PersonSpec): Row {
  const rows: Body[] = [];
  if (p.phone) rows.push(phoneRow(REFS.ciKinds.ТелефонФизическогоЛица, p.phone));
  if (p.extraPhone) rows.push(phoneRow(REFS.ciKinds.ТелефонФизическогоЛица, p.extraPhone));
  if (p.email) rows.push(emailRow(REFS.ciKinds.EmailФизическогоЛица, p.email));
  const row = ib.create('Catalog_ФизическиеЛица', {
    Description: fullName(p.name),
    Parent_Key: REFS.personFolder,
    Пол: p.name.male ? 'Мужской' : 'Женский',
    ДатаРождения: p.birth ?? '0001-01-01T00:00:00',
    Магазин_Key: p.store ?? REFS.stores.main,
    DeletionMark: p.deleted ?? false,
    КонтактнаяИнформация: numbered(rows),
  });
  ib.createRecord('InformationRegister_ФИОФизЛиц', {
    Period: '2024-01-01T00:00:00',
    ФизЛицо: row.Ref_Key,
    ФизЛицо_Type: 'StandardODATA.Catalog_ФизическиеЛица',
    Фамилия: p.name.surname,
    Имя: p.name.name,
    Отчество: p.name.patronymic,
  });
  return row;
}

export const emailFor = (n: PersonName, i: number): string =>
  `${translit(n.name)}.${translit(n.surname)}${i}@example.ru`;

/** EAN-13 with a valid check digit from a 12-digit body. */
export function ean13(body12: string): string {
  const sum = [...body12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body12}${(10 - (sum % 10)) % 10}`;
}

export function addBarcode(ib: Infobase, code: string, ownerSet: string, ownerKey: string): void {
  ib.createRecord('InformationRegister_Штрихкоды', {
    Штрихкод: code,
    Владелец: ownerKey,
    Владелец_Type: `StandardODATA.${ownerSet}`,
    Дата: '2024-01-01T00:00:00',
  });
}

export interface CardSpec {
  code: string;
  owner?: { set: string; key: string };
  kind?: string;
  magnetic?: boolean;
  opened?: string;
}

export function createCard(ib: Infobase, c: CardSpec): Row {
  const row = ib.create('Catalog_ИнформационныеКарты', {
    Description: c.code,
    КодКарты: c.code,
    ВладелецКарты: c.owner ? c.owner.key : '',
    ВладелецКарты_Type: c.owner ? `StandardODATA.${c.owner.set}` : '',
    ВидКарты: c.magnetic ? 'Магнитная' : 'Штриховая',
    ТипКарты: 'Дисконтная',
    ВидДисконтнойКарты_Key: c.kind ?? REFS.discountCardKinds.discount5,
    ДатаОткрытия: c.opened ?? '2024-02-01T00:00:00',
  });
  addBarcode(ib, c.code, 'Catalog_ИнформационныеКарты', String(row.Ref_Key));
  return row;
}

export interface ProductSpec {
  name: string;
  sku: string;
  unit: string;
  vat: string;
  type?: string;
  weight?: boolean;
}

export function createProduct(ib: Infobase, p: ProductSpec): Row {
  return ib.create('Catalog_Номенклатура', {
    Description: p.name,
    НаименованиеПолное: p.name,
    Артикул: p.sku,
    Parent_Key: REFS.productFolder,
    ЕдиницаИзмерения_Key: p.unit,
    СтавкаНДС: p.vat,
    ТипНоменклатуры: p.type ?? 'Товар',
    Весовой: p.weight ?? false,
  });
}

/** Price-setting document (optionally posted → ЦеныНоменклатуры records). */
export function setPrices(
  ib: Infobase,
  date: string,
  lines: Array<{ product: string; priceType: string; price: number }>,
  post: boolean,
  comment = '',
): Row {
  const doc = ib.create('Document_УстановкаЦенНоменклатуры', {
    Date: date,
    Согласован: true,
    Комментарий: comment,
    Товары: lines.map((l, i) => ({ LineNumber: i + 1, Номенклатура_Key: l.product, ВидЦены_Key: l.priceType, Цена: l.price })),
    ВидыЦен: [...new Set(lines.map((l) => l.priceType))].map((v, i) => ({ LineNumber: i + 1, ВидЦены_Key: v })),
  });
  return post ? ib.post('Document_УстановкаЦенНоменклатуры', String(doc.Ref_Key)) : doc;
}
