// Contact-information rows as the BSP writes them (ref §2.1): Тип, Вид, Представление, phone/e-mail
// columns, the BSP 3 JSON `Значение` and the legacy XML `ЗначенияПолей`.

export type Body = Record<string, unknown>;

/** `9123456789` → `+7 912 345-67-89`. */
export const phonePresentation = (d: string): string =>
  `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8, 10)}`;

export function phoneRow(kind: string, digits: string, presentation = phonePresentation(digits)): Body {
  const area = digits.slice(0, 3);
  const number = digits.slice(3);
  return {
    Тип: 'Телефон',
    Вид_Key: kind,
    Представление: presentation,
    НомерТелефона: `+7${digits}`,
    НомерТелефонаБезКодов: number,
    Значение: JSON.stringify({ value: presentation, type: 'Телефон', CountryCode: '7', AreaCode: area, Number: number }),
    ЗначенияПолей:
      `<КонтактнаяИнформация xmlns="http://www.v8.1c.ru/ssl/contactinfo" Представление="${presentation}">` +
      `<Состав xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="НомерТелефона" КодСтраны="7" КодГорода="${area}" Номер="${number}" Добавочный=""/>` +
      '</КонтактнаяИнформация>',
  };
}

export function emailRow(kind: string, email: string): Body {
  return {
    Тип: 'АдресЭлектроннойПочты',
    Вид_Key: kind,
    Представление: email,
    АдресЭП: email,
    ДоменноеИмяСервера: email.split('@')[1] ?? '',
    Значение: JSON.stringify({ value: email, type: 'АдресЭлектроннойПочты' }),
  };
}

export function addressRow(kind: string, city: string, text: string): Body {
  return {
    Тип: 'Адрес',
    Вид_Key: kind,
    Представление: text,
    Страна: 'РОССИЯ',
    Город: city,
    Значение: JSON.stringify({ value: text, type: 'Адрес', country: 'РОССИЯ', city }),
  };
}

/** Number rows 1..n as the platform requires (ref §1.6). */
export const numbered = (rows: Body[]): Body[] => rows.map((r, i) => ({ LineNumber: i + 1, ...r }));
