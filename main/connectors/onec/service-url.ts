/**
 * The address of the infobase's OData service (ref §1.2): `http(s)://host[:port]/<publication>/odata/standard.odata/`.
 * Administrators paste all sorts of things here (the web-client address, the publication root, the address
 * without the scheme); we recognise the usual ones and suggest the exact fix.
 */

const ODATA_TAIL = 'odata/standard.odata';

export type ServiceUrlResult =
  | { ok: true; url: string; host: string; publicationUrl: string }
  | { ok: false; message: string; hint: string; suggestion?: string };

function fail(message: string, suggestion?: string): ServiceUrlResult {
  return {
    ok: false,
    message,
    hint: suggestion
      ? `Укажите адрес в виде ${suggestion}`
      : 'Укажите адрес публикации информационной базы в виде http://сервер/имя_публикации/odata/standard.odata — имя публикации видно в адресе, по которому 1С открывается в браузере.',
    suggestion,
  };
}

/** Validates and normalises; the normal form always ends with `/odata/standard.odata/`. */
export function parseServiceUrl(input: string): ServiceUrlResult {
  const raw = input.trim();
  if (raw === '') return fail('Адрес 1С не указан.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : null;
  if (!withScheme) {
    const guess = parseServiceUrl(`http://${raw}`);
    return fail('В адресе 1С нет схемы http:// или https://.', guess.ok ? guess.url : undefined);
  }
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return fail(`Адрес 1С «${raw}» не разобран: проверьте, нет ли в нём пробелов и лишних символов.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return fail(`Адрес 1С должен начинаться с http:// или https://, а не с ${u.protocol}//.`);
  if (u.username || u.password) return fail('Не указывайте пользователя и пароль в адресе 1С — для них есть отдельные поля.', `${u.protocol}//${u.host}${u.pathname}`);
  const path = decodeURIComponent(u.pathname).replace(/\/+$/, '');
  const origin = `${u.protocol}//${u.host}`;
  const lower = path.toLowerCase();
  const idx = lower.indexOf('/odata/standard.odata');
  if (idx >= 0) {
    const publication = path.slice(0, idx);
    const rest = path.slice(idx + '/odata/standard.odata'.length);
    const url = `${origin}${publication}/${ODATA_TAIL}/`;
    if (rest !== '' || u.search !== '' || u.hash !== '') {
      return fail('Адрес 1С должен заканчиваться на /odata/standard.odata, без имён объектов и параметров после него.', url);
    }
    return { ok: true, url: encodeURI(url), host: u.hostname, publicationUrl: encodeURI(`${origin}${publication}/`) };
  }
  // Common mistakes: the publication root, the web-client address (…/ru_RU/), …/odata, an HTTP service (…/hs/…).
  let publication = path;
  const cut = /\/(ru_RU|en_US|ru|en|hs|ws|e1cib|odata)(\/.*)?$/i.exec(publication);
  if (cut) publication = publication.slice(0, cut.index);
  if (publication === '') {
    return fail('В адресе 1С нет имени публикации информационной базы.', `${origin}/имя_публикации/${ODATA_TAIL}`);
  }
  return fail('Адрес 1С должен заканчиваться на /odata/standard.odata.', `${origin}${publication}/${ODATA_TAIL}`);
}
