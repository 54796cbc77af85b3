import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFS } from '../seed/refs';
import { basic, enc, errCode, startTestSim, values, type TestSim } from '../test-helpers';

// ref §1.2: Basic auth with UTF-8 Cyrillic logins; cp1251 → 401; HTML page with HTTP 200 on failures.

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({
    users: [
      { name: 'Администратор', password: 'admin' },
      { name: 'Читатель', password: 'r', roles: ['read'] },
      { name: 'Писатель', password: 'w', roles: ['read', 'write'] },
      { name: 'Кассир', password: 'c', roles: ['read', 'write', 'post', `store:${REFS.stores.second}`] },
    ],
  });
});
afterAll(() => t.close());

const root = (authorization?: string) =>
  t.http.get('?$format=json', { headers: authorization === undefined ? { Authorization: '' } : { Authorization: authorization } });

describe('Basic authentication', () => {
  it('accepts a Cyrillic login encoded as UTF-8', async () => {
    const r = await root(basic('Администратор', 'admin'));
    expect(r.status).toBe(200);
    expect(values(r).length).toBeGreaterThan(10);
  });

  it('rejects the same login encoded as cp1251 with 401 (ref §1.2)', async () => {
    const r = await root(basic('Администратор', 'admin', 'cp1251'));
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('rejects a wrong password and a missing header with 401', async () => {
    expect((await root(basic('Администратор', 'wrong'))).status).toBe(401);
    expect((await root('')).status).toBe(401);
  });

  it('treats logins case-insensitively, passwords case-sensitively', async () => {
    expect((await root(basic('администратор', 'admin'))).status).toBe(200);
    expect((await root(basic('Администратор', 'ADMIN'))).status).toBe(401);
  });

  it('can answer auth failures with an HTML page and HTTP 200 (control switch)', async () => {
    t.sim.control.setAuthFailureMode('html200');
    try {
      const r = await root(basic('Администратор', 'wrong'));
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(String(r.data)).toContain('<html>');
    } finally {
      t.sim.control.setAuthFailureMode('http401');
    }
  });
});

describe('rights and RLS', () => {
  const as = (user: string, password: string) => ({ Authorization: basic(user, password) });

  it('a read-only user reads but cannot write (401 code 20)', async () => {
    const read = await t.get('Catalog_Контрагенты?$top=1', as('Читатель', 'r'));
    expect(read.status).toBe(200);
    const write = await t.http.post(enc('Catalog_Контрагенты?$format=json'), { Description: 'x' }, { headers: as('Читатель', 'r') });
    expect(write.status).toBe(401);
    expect(errCode(write)).toBe('20');
  });

  it('a user without posting rights gets HTTP 500 on Post (ref §1.1)', async () => {
    const order = values(await t.get("Document_ЗаказПокупателя?$filter=Posted eq true&$top=1&$select=Ref_Key"))[0];
    const r = await t.http.post(enc(`Document_ЗаказПокупателя(guid'${String(order.Ref_Key)}')/Post?$format=json`), '', {
      headers: as('Писатель', 'w'),
    });
    expect(r.status).toBe(500);
    expect(errCode(r)).toBe('-1');
  });

  it('RLS by store: 401 code 20 without allowedOnly, filtered rows with allowedOnly=true (ref §1.5)', async () => {
    const denied = await t.get('Catalog_ФизическиеЛица', as('Кассир', 'c'));
    expect(denied.status).toBe(401);
    expect(errCode(denied)).toBe('20');
    const allowed = await t.get('Catalog_ФизическиеЛица?allowedOnly=true', as('Кассир', 'c'));
    expect(allowed.status).toBe(200);
    expect(values(allowed).length).toBeGreaterThan(0);
    expect(values(allowed).every((o) => o.Магазин_Key === REFS.stores.second)).toBe(true);
  });
});
