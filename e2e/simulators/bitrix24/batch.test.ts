// batch (ref §3.4, §2 fast scan in one batch).
import { describe, expect, it } from 'vitest';
import { call, ok, useSim, type Json } from './test/harness';

interface BatchResult {
  result: Record<string, unknown> | unknown[];
  result_error: Record<string, Json> | unknown[];
  result_total: Record<string, number> | unknown[];
  result_next: Record<string, number> | unknown[];
  result_time: Record<string, Json> | unknown[];
}

describe('batch', () => {
  const { sim, api } = useSim({ seed: 'none' });

  it('named commands with $result references to scalars, rows, crm.item items', async () => {
    const r = ok<BatchResult>(await api('batch', {
      halt: 1,
      cmd: {
        contact: 'crm.contact.add?fields[NAME]=Пётр&fields[PHONE][0][VALUE]=%2B79990000000',
        get: 'crm.contact.get?id=$result[contact]',
        item: 'crm.item.add?entityTypeId=2&fields[title]=Сделка&fields[contactId]=$result[contact]',
        byItem: 'crm.item.get?entityTypeId=2&id=$result[item][item][id]',
        list: 'crm.contact.list?filter[ID]=$result[contact]&select[]=ID&select[]=NAME',
        fromList: 'crm.deal.update?id=$result[byItem][item][id]&fields[COMMENTS]=contact $result[list][0][ID] $result[get][NAME]',
      },
    }));
    const res = r.result as Record<string, unknown>;
    const contactId = res.contact as number;
    expect((res.get as Json).ID).toBe(String(contactId));
    expect(((res.item as { item: Json }).item).contactId).toBe(contactId);
    expect(((res.byItem as { item: Json }).item).title).toBe('Сделка');
    expect(res.list).toEqual([{ ID: String(contactId), NAME: 'Пётр' }]);
    expect(res.fromList).toBe(true);
    expect(r.result_error).toEqual([]);
    expect(r.result_total).toEqual({ list: 1 });
    expect(r.result_next).toEqual([]);
    expect(Object.keys(r.result_time as Json)).toEqual(['contact', 'get', 'item', 'byItem', 'list', 'fromList']);
    const deal = ((res.item as { item: Json }).item).id;
    expect(ok<Json>(await api('crm.deal.get', { id: deal })).COMMENTS).toBe(`contact ${contactId} Пётр`);
  });

  it('array commands give array results; halt=0 continues after a failure, halt=1 stops', async () => {
    const noHalt = ok<BatchResult>(await api('batch', { halt: 0, cmd: ['crm.contact.get?id=999999', 'server.time', 'crm.nope'] }));
    expect(noHalt.result).toEqual({ 1: expect.any(String) });
    expect(noHalt.result_error).toEqual({ 0: { error: '', error_description: 'Not found' }, 2: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' } });
    const all = ok<BatchResult>(await api('batch', { cmd: ['server.time', 'scope'] }));
    expect(Array.isArray(all.result)).toBe(true);
    const before = sim().control.counts().contact;
    const halt = ok<BatchResult>(await api('batch', { halt: 1, cmd: { a: 'crm.contact.add?fields[NAME]=ok', b: 'crm.contact.add?fields[EMAIL][0][VALUE]=bad', c: 'crm.contact.add?fields[NAME]=never' } }));
    expect(Object.keys(halt.result as Json)).toEqual(['a']);
    expect((halt.result_error as Record<string, Json>).b.error).toBe('ERROR_CORE');
    expect(sim().control.counts().contact).toBe(before + 1);
  });

  it('fast scan in one batch: chained start=-1 pages via $result[prev][49][ID] and [items][49][id]', async () => {
    const adds = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`a${i}`, `crm.contact.add?fields[NAME]=S${i}`]));
    ok(await api('batch', { cmd: adds }));
    ok(await api('batch', { cmd: adds }));
    ok(await api('batch', { cmd: Object.fromEntries(Object.entries(adds).slice(0, 10)) }));
    const total = sim().control.counts().contact;
    const legacy = ok<BatchResult>(await api('batch', {
      cmd: {
        p0: 'crm.contact.list?order[ID]=ASC&filter[>ID]=0&select[]=ID&start=-1',
        p1: 'crm.contact.list?order[ID]=ASC&filter[>ID]=$result[p0][49][ID]&select[]=ID&start=-1',
        p2: 'crm.contact.list?order[ID]=ASC&filter[>ID]=$result[p1][49][ID]&select[]=ID&start=-1',
      },
    }));
    const pages = legacy.result as Record<string, Json[]>;
    const ids = [...pages.p0, ...pages.p1, ...pages.p2].map((r) => Number(r.ID));
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(legacy.result_total).toEqual([]); // start=-1: no totals
    const items = ok<BatchResult>(await api('batch', {
      cmd: {
        p0: 'crm.item.list?entityTypeId=3&order[id]=ASC&filter[>id]=0&select[]=id&start=-1',
        p1: 'crm.item.list?entityTypeId=3&order[id]=ASC&filter[>id]=$result[p0][items][49][id]&select[]=id&start=-1',
      },
    }));
    const ip = items.result as Record<string, { items: Json[] }>;
    expect(ip.p1.items[0].id).toBe((ip.p0.items[49].id as number) + 1);
  });

  it('result_total / result_next of paged sub-calls', async () => {
    const r = ok<BatchResult>(await api('batch', { cmd: { page: 'crm.contact.list?select[]=ID' } }));
    expect((r.result_total as Record<string, number>).page).toBe(sim().control.counts().contact);
    expect((r.result_next as Record<string, number>).page).toBe(50);
  });

  it('more than 50 commands → 400 ERROR_BATCH_LENGTH_EXCEEDED; nested batch refused per command', async () => {
    const cmd = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 'server.time']));
    const r = await api('batch', { cmd });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED');
    const nested = ok<BatchResult>(await api('batch', { cmd: { inner: 'batch?cmd[x]=server.time' } }));
    expect((nested.result_error as Record<string, Json>).inner.error).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED');
  });

  it('form-encoded batch (double-encoded sub-queries) and one bucket slot per batch', async () => {
    sim().control.resetLimits();
    const inner = encodeURIComponent('fields[NAME]=Форма&fields[LAST_NAME]=Батч');
    const form = `halt=0&cmd[a]=${encodeURIComponent(`crm.contact.add?${decodeURIComponent(inner)}`)}&cmd[b]=${encodeURIComponent('crm.contact.get?id=$result[a]')}`;
    const r = await call(sim().webhookUrl, 'batch', {}, { form });
    const res = ok<BatchResult>(r).result as Record<string, Json>;
    expect(res.b).toMatchObject({ NAME: 'Форма', LAST_NAME: 'Батч' });
    expect(sim().control.limits().bucketLevel).toBeLessThanOrEqual(1);
  });
});
