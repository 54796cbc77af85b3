// All REST methods of the simulated portal, looked up case-insensitively (method names are lowercase by
// convention but catalog.priceType.list is camelCase).
import { catalogDictionaryMethods } from './catalog-dictionaries';
import { catalogPriceMethods } from './catalog-price';
import { catalogProductMethods } from './catalog-product';
import { catalogSectionMethods } from './catalog-section';
import { crmDictionaryMethods } from './crm-dictionaries';
import { crmDuplicateMethods } from './crm-duplicates';
import { crmItemMethods } from './crm-item';
import { crmLegacyMethods } from './crm-legacy';
import { crmProductRowMethods } from './crm-productrows';
import { crmRequisiteMethods } from './crm-requisites';
import { paymentMethods } from './payments';
import { systemMethods } from './system';
import { def, type MethodDef } from './types';
import { RestError } from '../core/errors';

export const BATCH_METHOD = 'batch';

export class MethodRegistry {
  private readonly byName = new Map<string, MethodDef>();

  constructor() {
    const all = (): MethodDef[] => [...this.byName.values()];
    const batchPlaceholder = def(BATCH_METHOD, 'basic', () => {
      throw new RestError(500, 'INTERNAL_SERVER_ERROR', 'batch is executed by the dispatcher');
    });
    for (const m of [
      batchPlaceholder, ...systemMethods(all), ...crmLegacyMethods, ...crmItemMethods, ...crmProductRowMethods, ...crmDictionaryMethods,
      ...crmRequisiteMethods, ...crmDuplicateMethods, ...catalogProductMethods, ...catalogPriceMethods, ...catalogSectionMethods,
      ...catalogDictionaryMethods, ...paymentMethods,
    ]) {
      this.byName.set(m.name.toLowerCase(), m);
    }
  }

  get(name: string): MethodDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  names(): string[] {
    return [...this.byName.values()].map((m) => m.name);
  }
}
