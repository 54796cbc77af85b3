/** Who a document is for: shared by orders and receipts. */
import type { Order } from '../../../../shared/domain';
import type { ODataRow } from '../client';
import { refOrNull, toStr } from '../convert';
import type { OnecContext } from '../options';

/**
 * The customer of an order or receipt: the card owner when there is one (a person's orders carry the
 * «Розничный покупатель» Контрагент, which is not the customer), otherwise the Контрагент.
 */
export function customerOf(row: ODataRow, companyField: string, ownerField: string, ctx: OnecContext): Order['customer'] {
  const ownerId = refOrNull(row[ownerField]);
  const ownerType = toStr(row[`${ownerField}_Type`]);
  if (ownerId && ownerType.endsWith(ctx.names.person.set)) return { kind: 'person', id: ownerId };
  if (ownerId && ownerType.endsWith(ctx.names.company.set)) return { kind: 'company', id: ownerId };
  const companyId = refOrNull(row[companyField]);
  if (companyId && companyId !== ctx.options.retailCustomerId?.toLowerCase()) return { kind: 'company', id: companyId };
  return null;
}
