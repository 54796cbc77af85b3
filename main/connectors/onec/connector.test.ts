import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnecSimulator, type OnecSim } from '../../../e2e/simulators/onec/index';
import { createOnecConnector } from './connector';
import { OnecError } from './errors';
import { vatFromOnec } from './adapters/vat';
import { DEFAULT_NAMES, resolveNames } from './metadata-requirements';
import { simOptions } from './sim-fixture';

let sim: OnecSim;
beforeAll(async () => {
  sim = await startOnecSimulator({ seed: 'small' });
});
afterAll(() => sim.close());

const conn = () => ({ url: sim.url, user: sim.user, password: sim.password });

describe('connector start-up: composition and drift check', () => {
  it('refuses to start a feature whose entity set is not published, naming the set and the steps', async () => {
    sim.control.setComposition(sim.control.composition().filter((s) => s !== 'Document_ЧекККМ'));
    try {
      await createOnecConnector(conn(), simOptions(), {}, ['customers', 'orders']); // payments not enabled: fine
      const err = await createOnecConnector(conn(), simOptions(), {}, ['customers', 'payments']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OnecError);
      expect((err as OnecError).code).toBe('COMPOSITION');
      expect((err as OnecError).message).toContain('Оплаты: Документ.ЧекККМ (Document_ЧекККМ)');
      expect((err as OnecError).message).toContain('УстановитьСоставСтандартногоИнтерфейсаOData');
    } finally {
      sim.control.setComposition('all');
    }
  });

  it('notices a composition changed after start (drift) on recheck', async () => {
    const c = await createOnecConnector(conn(), simOptions(), {}, ['products']);
    expect(c.composition.blockedFeatures).toEqual([]);
    sim.control.setComposition(sim.control.composition().filter((s) => s !== 'InformationRegister_Штрихкоды'));
    try {
      const report = await c.recheck();
      expect(report.missingSets.map((m) => m.set)).toEqual(['InformationRegister_Штрихкоды']);
      expect(report.blockedFeatures).toEqual(['products']);
    } finally {
      sim.control.setComposition('all');
    }
  });

  it('maps a release with different names through overrides, without code changes', async () => {
    const names = { order: { siteNumber: 'НомерНаСайте' }, values: { vat: { НДС22: '20' } } };
    expect(resolveNames(names).order.siteNumber).toBe('НомерНаСайте');
    expect(resolveNames(names).order.set).toBe(DEFAULT_NAMES.order.set);
    expect(vatFromOnec('НДС22', resolveNames(names), 'Товар')).toBe('20');
    const c = await createOnecConnector(conn(), simOptions({ names }), {});
    expect(c.composition.missingFields).toContainEqual({ feature: 'orders', set: 'Document_ЗаказПокупателя', field: 'НомерНаСайте', optional: false });
    expect(c.composition.blockedFeatures).toEqual(['orders']);
  });

  it('says which VAT value is not mapped, and knows the 2025–2026 rates', () => {
    expect(() => vatFromOnec('НДС12', DEFAULT_NAMES, 'Товар «Хлеб»')).toThrow(/Товар «Хлеб»: ставка НДС «НДС12».*Ставки НДС/);
    expect(vatFromOnec('НДС5', DEFAULT_NAMES, 'x')).toBe('5');
    expect(vatFromOnec('НДС22_122', DEFAULT_NAMES, 'x')).toBe('22/122');
  });

  it('refuses an unknown store time zone with a Russian message', async () => {
    const err = await createOnecConnector(conn(), simOptions({ timeZone: 'Moscow' })).catch((e: unknown) => e);
    expect((err as Error).message).toContain('Часовой пояс магазина «Moscow» не распознан');
  });
});
