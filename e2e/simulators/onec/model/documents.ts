import { attr, bool, composite, date, enumOf, num, ref, str, type AttrDef, type DocumentDef } from './types';

const money = num(15, 2);
const qty = num(15, 3);
const lineNo = num(10, 0);

const document = (name: string, synonym: string, attrs: AttrDef[], tabular: DocumentDef['tabular'] = []): DocumentDef => ({
  kind: 'Document',
  name,
  synonym,
  numberLength: 11,
  attrs,
  tabular,
});

const goodsLineAttrs = (): AttrDef[] => [
  attr('Номенклатура', ref('Catalog_Номенклатура')),
  attr('Характеристика', ref('Catalog_ХарактеристикиНоменклатуры')),
  attr('Количество', qty),
  attr('Упаковка', ref('Catalog_УпаковкиНоменклатуры')),
  attr('КоличествоУпаковок', qty),
  attr('Цена', money),
  attr('Сумма', money),
  attr('СтавкаНДС', enumOf('СтавкиНДС')),
  attr('СуммаНДС', money),
  attr('ПроцентАвтоматическойСкидки', num(5, 2)),
  attr('ПроцентРучнойСкидки', num(5, 2)),
  attr('СуммаАвтоматическойСкидки', money),
  attr('СуммаРучнойСкидки', money),
  attr('Продавец', ref('Catalog_ФизическиеЛица')),
  attr('КлючСвязи', lineNo),
  attr('КодСтроки', lineNo),
];

const paymentBreakdown = {
  name: 'РасшифровкаПлатежа',
  attrs: [
    attr('ДокументРасчетовСКонтрагентом', composite('Document_ЗаказПокупателя', 'Document_ЧекККМ')),
    attr('Сумма', money),
  ],
};

const paymentBasis = composite('Document_ЗаказПокупателя', 'Document_ЧекККМ');

// Documents of ref §2.3, §2.5, §2.6.
export const DOCUMENTS: DocumentDef[] = [
  document(
    'ЗаказПокупателя',
    'Заказ покупателя',
    [
      attr('Магазин', ref('Catalog_Магазины')),
      attr('Склад', ref('Catalog_Склады')),
      attr('Организация', ref('Catalog_Организации')),
      attr('Контрагент', ref('Catalog_Контрагенты')),
      attr('ДисконтнаяКарта', ref('Catalog_ИнформационныеКарты')),
      attr('ВладелецДисконтнойКарты', composite('Catalog_Контрагенты', 'Catalog_ФизическиеЛица')),
      attr('Продавец', ref('Catalog_ФизическиеЛица')),
      attr('Ответственный', ref('Catalog_Пользователи')),
      attr('Статус', enumOf('СтатусыЗаказовПокупателей')),
      attr('Отменено', bool),
      attr('СуммаДокумента', money),
      attr('ЦенаВключаетНДС', bool),
      attr('УчитыватьНДС', bool),
      attr('ЖелаемаяДатаПродажи', date),
      attr('АдресДоставки', str(500)),
      attr('НомерЗаказаНаСайте', str(11)),
      attr('ДатаЗаказаНаСайте', date),
      attr('СкидкиРассчитаны', bool),
      attr('МаксимальныйКодСтроки', lineNo),
      attr('КассаККМ', ref('Catalog_КассыККМ')),
      attr('Комментарий', str(0)),
    ],
    [
      {
        name: 'Товары',
        attrs: [
          ...goodsLineAttrs(),
          attr('Резервировать', bool),
          attr('Отменено', bool),
          attr('ПричинаОтмены', ref('Catalog_ПричиныОтменыЗаказовПокупателей')),
          attr('ПродажаПодарка', bool),
        ],
      },
      {
        name: 'СкидкиНаценки',
        attrs: [attr('КлючСвязи', lineNo), attr('СкидкаНаценка', ref('Catalog_СкидкиНаценки')), attr('Сумма', money)],
      },
    ],
  ),
  document(
    'ЧекККМ',
    'Чек ККМ',
    [
      attr('ВидОперации', enumOf('ВидыОперацийЧекККМ')),
      attr('СтатусЧекаККМ', enumOf('СтатусыЧековККМ')),
      attr('Магазин', ref('Catalog_Магазины')),
      attr('КассаККМ', ref('Catalog_КассыККМ')),
      attr('Организация', ref('Catalog_Организации')),
      attr('ЗаказПокупателя', ref('Document_ЗаказПокупателя')),
      attr('ДисконтнаяКарта', ref('Catalog_ИнформационныеКарты')),
      attr('ВладелецДисконтнойКарты', composite('Catalog_Контрагенты', 'Catalog_ФизическиеЛица')),
      attr('Контрагент', ref('Catalog_Контрагенты')),
      attr('СуммаДокумента', money),
      attr('НомерЧекаККМ', lineNo),
      attr('ОтчетОРозничныхПродажах', ref('Document_ОтчетОРозничныхПродажах')),
      attr('ЧекККМПродажа', ref('Document_ЧекККМ')),
      attr('ДокументРасчета', composite('Document_ЗаказПокупателя', 'Document_ЧекККМ')),
      attr('ЦенаВключаетНДС', bool),
      attr('Телефон', str(10)),
      attr('АдресЭП', str(100)),
      attr('Комментарий', str(0)),
    ],
    [
      {
        name: 'Товары',
        attrs: [
          ...goodsLineAttrs(),
          attr('ЗаказПокупателя', ref('Document_ЗаказПокупателя')),
          attr('Склад', ref('Catalog_Склады')),
          attr('Штрихкод', str(200)),
          attr('СуммаСкидкиОплатыБонусом', money),
        ],
      },
      {
        name: 'Оплата',
        attrs: [
          attr('ВидОплаты', ref('Catalog_ВидыОплатЧекаККМ')),
          attr('ЭквайринговыйТерминал', ref('Catalog_ЭквайринговыеТерминалы')),
          attr('Сумма', money),
          attr('СуммаКомиссии', money),
          attr('СсылочныйНомер', str(12)),
          attr('НомерПлатежнойКарты', str(30)),
          attr('КоличествоБонусов', money),
          attr('БонуснаяПрограммаЛояльности', ref('Catalog_БонусныеПрограммыЛояльности')),
        ],
      },
    ],
  ),
  document(
    'ПриходныйКассовыйОрдер',
    'Приходный кассовый ордер',
    [
      attr('ХозяйственнаяОперация', enumOf('ХозяйственныеОперации')),
      attr('Организация', ref('Catalog_Организации')),
      attr('Касса', ref('Catalog_Кассы')),
      attr('КассаККМ', ref('Catalog_КассыККМ')),
      attr('Контрагент', ref('Catalog_Контрагенты')),
      attr('ЗаказПокупателя', ref('Document_ЗаказПокупателя')),
      attr('ДокументОснование', paymentBasis),
      attr('СуммаДокумента', money),
      attr('ПринятоОт', str(100)),
      attr('Основание', str(100)),
      attr('Комментарий', str(0)),
    ],
    [paymentBreakdown],
  ),
  document(
    'ОплатаОтПокупателяПлатежнойКартой',
    'Оплата от покупателя платежной картой',
    [
      attr('Организация', ref('Catalog_Организации')),
      attr('Магазин', ref('Catalog_Магазины')),
      attr('КассаККМ', ref('Catalog_КассыККМ')),
      attr('ЭквайринговыйТерминал', ref('Catalog_ЭквайринговыеТерминалы')),
      attr('ВидОплаты', ref('Catalog_ВидыОплатЧекаККМ')),
      attr('Контрагент', ref('Catalog_Контрагенты')),
      attr('ЗаказПокупателя', ref('Document_ЗаказПокупателя')),
      attr('ДокументОснование', paymentBasis),
      attr('СуммаДокумента', money),
      attr('НомерПлатежнойКарты', str(30)),
      attr('ОплатаВыполнена', bool),
      attr('Комментарий', str(0)),
    ],
    [paymentBreakdown],
  ),
  document('РегистрацияБезналичнойОплаты', 'Регистрация безналичной оплаты', [
    attr('Магазин', ref('Catalog_Магазины')),
    attr('Организация', ref('Catalog_Организации')),
    attr('Контрагент', ref('Catalog_Контрагенты')),
    attr('ЗаказПокупателя', ref('Document_ЗаказПокупателя')),
    attr('ДокументОснование', paymentBasis),
    attr('СуммаДокумента', money),
    attr('Комментарий', str(0)),
  ]),
  document(
    'УстановкаЦенНоменклатуры',
    'Установка цен номенклатуры',
    [attr('Согласован', bool), attr('Ответственный', ref('Catalog_Пользователи')), attr('Комментарий', str(0))],
    [
      {
        name: 'Товары',
        attrs: [
          attr('Номенклатура', ref('Catalog_Номенклатура')),
          attr('Характеристика', ref('Catalog_ХарактеристикиНоменклатуры')),
          attr('Упаковка', ref('Catalog_УпаковкиНоменклатуры')),
          attr('ВидЦены', ref('Catalog_ВидыЦен')),
          attr('Цена', money),
          attr('ЦенаИзмененаВручную', bool),
        ],
      },
      { name: 'ВидыЦен', attrs: [attr('ВидЦены', ref('Catalog_ВидыЦен'))] },
    ],
  ),
];
