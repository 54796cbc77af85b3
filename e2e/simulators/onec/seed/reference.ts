import type { Infobase } from '../store/infobase';
import { addressRow, numbered, phoneRow } from './contacts';
import { REFS } from './refs';

// Reference data with fixed GUIDs (see refs.ts) shared by the 'small' and 'large' seeds.

const T = { trusted: true };

export function seedReference(ib: Infobase): void {
  ib.create(
    'Catalog_Организации',
    {
      Ref_Key: REFS.organization,
      Description: 'ООО "Ромашка"',
      НаименованиеПолное: 'Общество с ограниченной ответственностью "Ромашка"',
      ИНН: '7701234567',
      КПП: '770101001',
      Префикс: 'РМ',
      ЮрФизЛицо: 'ЮрЛицо',
    },
    T,
  );
  ib.create('Catalog_ВидыЦен', {
    Ref_Key: REFS.priceTypes.retail,
    Description: 'Розничная',
    ЦенаВключаетНДС: true,
    ВалютаЦены_Key: REFS.currencyRub,
    СпособЗаданияЦены: 'Вручную',
    ИспользоватьПриПродаже: true,
    Идентификатор: 'Розничная',
  });
  ib.create('Catalog_ВидыЦен', {
    Ref_Key: REFS.priceTypes.purchase,
    Description: 'Закупочная',
    ЦенаВключаетНДС: true,
    ВалютаЦены_Key: REFS.currencyRub,
    СпособЗаданияЦены: 'Вручную',
    ИспользоватьПриПродаже: false,
    Идентификатор: 'Закупочная',
  });
  ib.create('Catalog_ПравилаЦенообразования', { Ref_Key: REFS.pricingRules.main, Description: 'Розничные цены', ВидЦен_Key: REFS.priceTypes.retail });
  ib.create('Catalog_ПравилаЦенообразования', { Ref_Key: REFS.pricingRules.second, Description: 'Розничные цены (2)', ВидЦен_Key: REFS.priceTypes.retail });
  const stores = [
    { key: REFS.stores.main, wh: REFS.warehouses.main, rule: REFS.pricingRules.main, name: 'Магазин на Ленина', city: 'Екатеринбург', phone: '3432001020' },
    { key: REFS.stores.second, wh: REFS.warehouses.second, rule: REFS.pricingRules.second, name: 'Магазин на Мира', city: 'Екатеринбург', phone: '3432003040' },
  ];
  for (const s of stores) {
    ib.create('Catalog_Склады', { Ref_Key: s.wh, Description: `Склад: ${s.name}`, ТипСклада: 'Розничный' });
    ib.create('Catalog_Магазины', {
      Ref_Key: s.key,
      Description: s.name,
      СкладПродажи_Key: s.wh,
      СкладПоступления_Key: s.wh,
      ПравилоЦенообразования_Key: s.rule,
      Организация_Key: REFS.organization,
      КонтактнаяИнформация: numbered([
        phoneRow(REFS.ciKinds.ТелефонМагазина, s.phone),
        addressRow(REFS.ciKinds.АдресМагазина, s.city, `620000, ${s.city}, ${s.name.replace('Магазин на ', 'ул. ')}, д. 1`),
      ]),
    });
    ib.update('Catalog_Склады', s.wh, { Магазин_Key: s.key }, 'patch');
  }
  ib.create('Catalog_КассыККМ', { Ref_Key: REFS.cashRegisters.main, Description: 'Касса 1 (Ленина)', Магазин_Key: REFS.stores.main, Организация_Key: REFS.organization });
  ib.create('Catalog_КассыККМ', { Ref_Key: REFS.cashRegisters.second, Description: 'Касса 1 (Мира)', Магазин_Key: REFS.stores.second, Организация_Key: REFS.organization });
  ib.create('Catalog_БазовыеЕдиницыИзмерения', { Ref_Key: REFS.units.pcs, Code: '796', Description: 'шт', НаименованиеПолное: 'Штука', МеждународноеСокращение: 'PCE' });
  ib.create('Catalog_БазовыеЕдиницыИзмерения', { Ref_Key: REFS.units.kg, Code: '166', Description: 'кг', НаименованиеПолное: 'Килограмм', МеждународноеСокращение: 'KGM' });
  ib.create('Catalog_БазовыеЕдиницыИзмерения', { Ref_Key: REFS.units.l, Code: '112', Description: 'л', НаименованиеПолное: 'Литр', МеждународноеСокращение: 'LTR' });
  ib.create('Catalog_ВидыОплатЧекаККМ', { Ref_Key: REFS.paymentKinds.cash, Description: 'Наличные', ТипОплаты: 'Наличные', Организация_Key: REFS.organization });
  ib.create('Catalog_ВидыОплатЧекаККМ', { Ref_Key: REFS.paymentKinds.card, Description: 'Банковская карта', ТипОплаты: 'ПлатежнаяКарта', Организация_Key: REFS.organization });
  ib.create('Catalog_ВидыОплатЧекаККМ', { Ref_Key: REFS.paymentKinds.bonus, Description: 'Бонусы', ТипОплаты: 'Бонусы', Организация_Key: REFS.organization });
  ib.create('Catalog_ВидыДисконтныхКарт', { Ref_Key: REFS.discountCardKinds.discount5, Description: 'Дисконтная 5%' });
  ib.create('Catalog_ВидыДисконтныхКарт', { Ref_Key: REFS.discountCardKinds.discount10, Description: 'Дисконтная 10%' });
  ib.create('Catalog_Контрагенты', {
    Ref_Key: REFS.counterparties.retailBuyer,
    Description: 'Розничный покупатель',
    НаименованиеПолное: 'Розничный покупатель',
    ЮрФизЛицо: 'ФизЛицо',
  });
  ib.create('Catalog_ФизическиеЛица', { Ref_Key: REFS.personFolder, Description: 'Покупатели', IsFolder: true });
  ib.create('Catalog_Номенклатура', { Ref_Key: REFS.productFolder, Description: 'Товары', IsFolder: true });
}
