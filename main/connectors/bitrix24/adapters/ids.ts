/** Native ids of customers on the Bitrix24 side: contacts "C_12", companies "CO_5" (Bitrix24's own short codes, ref §7). */
import type { CustomerKind } from '../../../../shared/domain';
import { Bitrix24Error } from '../errors';

export function customerId(kind: CustomerKind, id: number | string): string {
  return `${kind === 'person' ? 'C' : 'CO'}_${id}`;
}

export function parseCustomerId(id: string): { kind: CustomerKind; id: number } {
  const m = /^(C|CO)_(\d+)$/.exec(id);
  if (!m) throw new Bitrix24Error({ code: 'METHOD_ERROR', message: `bad customer id ${id}`, userMessage: `Неверный идентификатор покупателя Битрикс24 «${id}». Сообщите разработчику.` });
  return { kind: m[1] === 'C' ? 'person' : 'company', id: Number(m[2]) };
}

export function numericId(id: string, what: string): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new Bitrix24Error({ code: 'METHOD_ERROR', message: `bad ${what} id ${id}`, userMessage: `Неверный идентификатор записи Битрикс24 «${id}». Сообщите разработчику.` });
  return n;
}
