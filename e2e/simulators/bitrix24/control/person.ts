// "A person edits a record in the portal": writes as another user (default 7, a manager), bumping
// DATE_MODIFY / MODIFY_BY_ID like a UI edit, so echo suppression and conflict detection can be tested.
import { updateProduct } from '../catalog/products';
import { createRecord, deleteRecord, updateRecord } from '../crm/records';
import { legacyNotFound } from '../core/errors';
import { formatLegacy } from '../crm/format';
import { formatProduct } from '../catalog/product-format';
import { legacyInput } from '../methods/crm-legacy';
import type { Portal } from '../runtime/portal';
import type { CrmKind } from '../state/types';

export const PERSON_USER_ID = 7;

export interface PersonEdit {
  entity: CrmKind | 'product';
  id: number;
  /** legacy field names for CRM (PHONE/EMAIL with the legacy multifield rules), camelCase for products */
  fields: Record<string, unknown>;
  userId?: number;
}

export function personEdit(portal: Portal, e: PersonEdit): Record<string, unknown> {
  const ctx = portal.ctx(e.userId ?? PERSON_USER_ID);
  if (e.entity === 'product') {
    const p = portal.state.products.get(e.id);
    if (!p) throw legacyNotFound('NOT_FOUND');
    updateProduct(ctx, p, e.fields);
    return formatProduct(p, portal.config.timezone, null);
  }
  const rec = portal.state.crmTable(e.entity).get(e.id);
  if (!rec) throw legacyNotFound('NOT_FOUND');
  updateRecord(ctx, e.entity, rec, legacyInput(e.entity, e.fields), 'legacy');
  return formatLegacy(portal.state, e.entity, rec, portal.config.timezone, null);
}

export function personCreate(portal: Portal, e: { entity: CrmKind; fields: Record<string, unknown>; userId?: number }): number {
  const ctx = portal.ctx(e.userId ?? PERSON_USER_ID);
  return createRecord(ctx, e.entity, legacyInput(e.entity, e.fields), 'legacy').ID;
}

export function personDelete(portal: Portal, e: { entity: CrmKind; id: number; userId?: number }): void {
  deleteRecord(portal.ctx(e.userId ?? PERSON_USER_ID), e.entity, e.id);
}
