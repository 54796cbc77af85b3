import { describe, expect, it } from 'vitest';
import { Redactor, redactPatterns } from './redact';

describe('Redactor', () => {
  it('removes registered secrets, also URL-encoded', () => {
    const r = new Redactor();
    r.add('Пароль 1С!');
    expect(r.redact('login failed for Пароль 1С! and ' + encodeURIComponent('Пароль 1С!'))).toBe('login failed for *** and ***');
  });

  it('masks webhook keys, URL credentials, auth headers and tokens', () => {
    expect(redactPatterns('POST https://shop.bitrix24.ru/rest/1/abc123def/crm.contact.add')).toBe('POST https://shop.bitrix24.ru/rest/1/***/crm.contact.add');
    expect(redactPatterns('http://user:pass@host/x')).toBe('http://***:***@host/x');
    expect(redactPatterns('Authorization: Basic QWxhZGRpbjpvcGVu')).toBe('Authorization: Basic ***');
    expect(redactPatterns('/rest/profile?auth=tok123&x=1')).toBe('/rest/profile?auth=***&x=1');
  });

  it('removes a secret that contains another one whole, whatever the order they were registered in', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('XYZ-abcd-QRS-long-refresh-token');
    expect(r.redact('token=XYZ-abcd-QRS-long-refresh-token; pass=abcd')).toBe('token=***; pass=***');
  });

  it('removes a secret as it reads inside JSON text', () => {
    const r = new Redactor();
    r.add('pa"ss\\wo\nrd');
    const json = JSON.stringify({ config: { auth: { password: 'pa"ss\\wo\nrd' } } });
    expect(r.redact(json)).toBe('{"config":{"auth":{"password":"***"}}}');
  });

  it('ignores very short values so ordinary text is not mangled', () => {
    const r = new Redactor();
    r.add('ab');
    expect(r.redact('abc')).toBe('abc');
  });
});
