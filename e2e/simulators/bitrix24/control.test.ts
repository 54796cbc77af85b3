// Control API (in-process and HTTP), call counters, fault injection and seeds.
import { describe, expect, it } from 'vitest';
import { startBitrix24Simulator } from './index';
import { call, ok, useSim, type Json } from './test/harness';

async function control(base: string, op: string, args: Json = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}/_sim/${op}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('control API', () => {
  const { sim, api } = useSim({ seed: 'small' });

  it('HTTP control mirrors sim.control: counts, records, person edits, calls, settings', async () => {
    const counts = (await control(sim().url, 'counts')).body.result as Json;
    expect(counts).toMatchObject({ contact: 20, company: 10, product: 10, deal: 5 });
    const contacts = (await control(sim().url, 'records', { entity: 'contact' })).body.result as Json[];
    expect(contacts).toHaveLength(20);
    const edited = (await control(sim().url, 'personEdit', { entity: 'contact', id: 1, fields: { NAME: 'Правка', PHONE: [{ VALUE: '+70000000000' }] } })).body.result as Json;
    expect(edited).toMatchObject({ NAME: 'Правка', MODIFY_BY_ID: '7' });
    expect((edited.PHONE as Json[]).length).toBe(2);
    const created = (await control(sim().url, 'personCreate', { entity: 'company', fields: { TITLE: 'Создано руками' } })).body.result as number;
    expect(ok<Json>(await api('crm.company.get', { id: created }))).toMatchObject({ CREATED_BY_ID: '7', TITLE: 'Создано руками' });
    await control(sim().url, 'personDelete', { entity: 'company', id: created });
    expect((await api('crm.company.get', { id: created })).status).toBe(400);
    expect(sim().state.deleted.company).toContain(created);
    expect((await control(sim().url, 'setPlan', { plan: 'nope' })).status).toBe(400);
    expect((await control(sim().url, 'bogus')).status).toBe(404);
    const text = await (await fetch(`${sim().url}/_sim/`)).text();
    expect(text).toContain('Bitrix24 cloud portal REST simulator');
  });

  it('counts HTTP requests per method and executions including batch sub-calls', async () => {
    sim().control.resetCalls();
    await api('crm.contact.list');
    await api('crm.contact.list');
    await api('batch', { cmd: { a: 'crm.contact.get?id=1', b: 'crm.contact.get?id=2' } });
    await api('no.such');
    const c = sim().control.calls();
    expect(c.httpRequests).toBe(4);
    expect(c.http).toEqual({ 'crm.contact.list': 2, batch: 1, 'no.such': 1 });
    expect(c.executed).toEqual({ 'crm.contact.list': 2, 'crm.contact.get': 2 });
  });

  it('reset wipes data and counters; seed small is deterministic', async () => {
    sim().control.seed('small');
    const before = sim().control.records('contact').map((c) => [c.NAME, c.LAST_NAME, c.PHONE, c.DATE_CREATE, c.ORIGIN_ID]);
    sim().control.reset();
    expect(sim().control.counts().contact).toBe(0);
    sim().control.seed('small');
    const after = sim().control.records('contact').map((c) => [c.NAME, c.LAST_NAME, c.PHONE, c.DATE_CREATE, c.ORIGIN_ID]);
    expect(after).toEqual(before);
    const deals = sim().control.records('deal');
    expect(new Set(deals.map((d) => d.CATEGORY_ID))).toEqual(new Set(['0', '1']));
    expect(sim().control.records('productRow').length).toBeGreaterThanOrEqual(5);
    expect(sim().control.records('price')).toHaveLength(10);
    // two seeded contacts share one phone (duplicates are common, ref §12)
    const dup = ok<Record<string, number[]>>(await api('crm.duplicate.findbycomm', { type: 'PHONE', values: [(sim().control.record('contact', 5)!.PHONE as Json[])[0].VALUE as string] }));
    expect(dup.CONTACT).toEqual([5, 6]);
  });
});

describe('fault injection', () => {
  const { sim, api } = useSim();

  it('500, 503, custom error and HTML for the next N calls of a method', async () => {
    sim().control.injectFault({ kind: 'http500', method: 'crm.contact.list', times: 2 });
    expect((await api('crm.contact.list')).body).toEqual({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
    expect((await api('server.time')).status).toBe(200);
    expect((await api('crm.contact.list')).status).toBe(500);
    expect((await api('crm.contact.list')).status).toBe(200);
    sim().control.injectFault({ kind: 'http503', times: 1 });
    expect((await api('server.time')).body.error).toBe('QUERY_LIMIT_EXCEEDED');
    sim().control.injectFault({ kind: 'error', status: 503, code: 'OVERLOAD_LIMIT', description: 'blocked by support', times: 1 });
    expect((await api('server.time')).body).toEqual({ error: 'OVERLOAD_LIMIT', error_description: 'blocked by support' });
    sim().control.injectFault({ kind: 'html', times: 1 });
    const html = await api('server.time');
    expect(html.status).toBe(502);
    expect(html.text).toContain('<html>');
    expect(sim().control.faults()).toEqual([]);
  });

  it('connection reset (nothing applied) vs lost response AFTER the write (create happened)', async () => {
    sim().control.injectFault({ kind: 'reset', method: 'crm.contact.add', times: 1 });
    await expect(api('crm.contact.add', { fields: { NAME: 'reset', ORIGIN_ID: 'op-1' } })).rejects.toThrow();
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { ORIGIN_ID: 'op-1' } }))).toEqual([]);
    sim().control.injectFault({ kind: 'lostResponse', method: 'crm.contact.add', times: 1 });
    await expect(api('crm.contact.add', { fields: { NAME: 'lost', ORIGIN_ID: 'op-2' } })).rejects.toThrow();
    // the client can find the create by its external id (ARCHITECTURE.md convention 9)
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { ORIGIN_ID: 'op-2' }, select: ['ID', 'NAME'] }))).toEqual([{ ID: expect.any(String), NAME: 'lost' }]);
    sim().control.injectFault({ kind: 'lostResponse', method: 'batch', times: 1 });
    await expect(api('batch', { cmd: { a: 'crm.contact.add?fields[ORIGIN_ID]=op-3' } })).rejects.toThrow();
    expect(ok<Json[]>(await api('crm.contact.list', { filter: { ORIGIN_ID: 'op-3' } }))).toHaveLength(1);
  });

  it('hang: no answer until the client gives up (or hangMs elapses)', async () => {
    sim().control.injectFault({ kind: 'hang', method: 'profile', times: 1 });
    const started = Date.now();
    await expect(fetch(`${sim().webhookUrl}profile`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    sim().control.injectFault({ kind: 'hang', method: 'profile', times: 1, hangMs: 100 });
    await expect(api('profile')).rejects.toThrow();
    expect((await api('profile')).status).toBe(200);
  });

  it('probability faults are deterministic for a given faultSeed', async () => {
    const pattern = async (): Promise<number[]> => {
      const s = await startBitrix24Simulator({ faultSeed: 7 });
      s.control.injectFault({ kind: 'http500', probability: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call(s.webhookUrl, 'server.time')).status);
      await s.close();
      return out;
    };
    const a = await pattern();
    expect(a).toEqual(await pattern());
    expect(a.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(0);
  });
});

describe('large seed', () => {
  it('thousands of records, deterministic, pageable', async () => {
    const started = Date.now();
    const s = await startBitrix24Simulator({ seed: 'large' });
    try {
      const seededIn = Date.now() - started;
      expect(s.control.counts()).toMatchObject({ contact: 5000, company: 1000, product: 2000, deal: 1500 });
      const page = await call(s.webhookUrl, 'crm.contact.list', { order: { ID: 'ASC' }, filter: { '>ID': 4990 }, select: ['ID'], start: -1 });
      expect((page.body.result as Json[]).length).toBe(10);
      const total = await call(s.webhookUrl, 'crm.item.list', { entityTypeId: 2, select: ['id'] });
      expect(total.body.total).toBe(1500);
      expect(seededIn).toBeLessThan(10_000);
      const again = await startBitrix24Simulator({ seed: 'large' });
      expect(again.control.record('contact', 4321)).toEqual(s.control.record('contact', 4321));
      await again.close();
    } finally {
      await s.close();
    }
  });
});
