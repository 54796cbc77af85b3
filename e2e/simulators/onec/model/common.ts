import { attr, composite, date, enumOf, ref, str, type TabularDef } from './types';

// Tabular sections shared by several objects (ref §2.1 "Contact-info TS").
export const contactInfoTs = (): TabularDef => ({
  name: 'КонтактнаяИнформация',
  attrs: [
    attr('Тип', enumOf('ТипыКонтактнойИнформации')),
    attr('Вид', ref('Catalog_ВидыКонтактнойИнформации')),
    attr('Представление', str(500)),
    attr('ЗначенияПолей', str(0)),
    attr('Страна', str(100)),
    attr('Регион', str(50)),
    attr('Город', str(50)),
    attr('АдресЭП', str(100)),
    attr('ДоменноеИмяСервера', str(100)),
    attr('НомерТелефона', str(20)),
    attr('НомерТелефонаБезКодов', str(20)),
    attr('ВидДляСписка', ref('Catalog_ВидыКонтактнойИнформации')),
    attr('ДействуетС', date),
    attr('Значение', str(0)),
  ],
});

export const extraAttrsTs = (): TabularDef => ({
  name: 'ДополнительныеРеквизиты',
  attrs: [
    attr('Свойство', ref('ChartOfCharacteristicTypes_ДополнительныеРеквизитыИСведения')),
    attr('Значение', composite('Catalog_ЗначенияСвойствОбъектов', 'Catalog_ФизическиеЛица', 'Catalog_Контрагенты')),
    attr('ТекстоваяСтрока', str(0)),
  ],
});
