/**
 * Crash-recovery marker (ARCHITECTURE.md convention 9): every object the exchange creates in 1С carries the
 * Bitrix24 id, written in the same POST as the object itself, so after a crash between "created in 1С" and
 * "link saved" a retry finds the object instead of creating a duplicate. Which field carries it:
 *
 * - ЗаказПокупателя → `НомерЗаказаНаСайте` (str(11), ref §2.5): the configuration's own "order number on the
 *   website" — semantically right for a Bitrix24 deal, filterable with `eq`, not shown in the order number.
 *   The value is the plain id; ids longer than 11 characters are refused before writing.
 * - ФизическиеЛица, Контрагенты → `Комментарий`: the only free-text attribute both have (ФизическиеЛица has no
 *   Code; ИНН/Description carry data). The marker `{b24:<id>}` is appended on its own line so a person's own
 *   comment is kept; it is found with `substringof` (the braces make `{b24:12}` not match `{b24:123}`).
 *   A release that does not publish Комментарий has no marker: findByExternalRef finds nothing and the check
 *   warns that duplicate protection after a crash is weaker (metadata-requirements.ts `degraded`).
 * - Номенклатура → `Описание` (it has no Комментарий); products are created in 1С only by the optional M3 copy.
 */

export function markerText(externalRef: string): string {
  return `{b24:${externalRef}}`;
}

export function hasMarker(comment: unknown, externalRef: string): boolean {
  return typeof comment === 'string' && comment.includes(markerText(externalRef));
}

/** Appends the marker (once) to an existing comment. */
export function withMarker(comment: unknown, externalRef: string): string {
  const text = typeof comment === 'string' ? comment : '';
  if (hasMarker(text, externalRef)) return text;
  return text.trim() === '' ? markerText(externalRef) : `${text.replace(/\s+$/, '')}\n${markerText(externalRef)}`;
}

/** The comment as the person wrote it, without any exchange marker (so markers never leak into Bitrix24). */
export function stripMarkers(comment: unknown): string {
  return typeof comment === 'string' ? comment.replace(/\n?\{b24:[^}\n]*\}/g, '').trim() : '';
}

/** Max length of НомерЗаказаНаСайте (ref §2.5). */
export const ORDER_MARKER_MAX = 11;
