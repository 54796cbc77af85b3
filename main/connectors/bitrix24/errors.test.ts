import { describe, expect, it } from 'vitest';
import { Bitrix24ScopeError, errorFromApi, errorFromNetwork, sanitizeCause } from './errors';
import { decodeIdSet, encodeIdSet } from './id-set';
import { formatPortalTime, offsetOf, parsePortalTime } from './portal-time';
import { backoffMs, DEFAULT_RETRY } from './retry';
import { maskSecrets, parseWebhookUrl } from './webhook-url';

describe('errorFromApi (ref §3.3)', () => {
  it.each([
    [401, 'expired_token', '', 'TOKEN_EXPIRED', true],
    [401, 'NO_AUTH_FOUND', 'Wrong authorization data', 'AUTH_FAILED', false],
    [403, 'insufficient_scope', '', 'SCOPE_MISSING', false],
    [403, 'ACCESS_DENIED', 'REST API is available only on commercial plans.', 'REST_UNAVAILABLE', false],
    [402, 'PAYMENT_REQUIRED', '', 'REST_UNAVAILABLE', false],
    [403, 'ACCESS_DENIED', 'Access denied', 'ACCESS_DENIED', false],
    [403, 'WRONG_AUTH_TYPE', '', 'WRONG_AUTH_TYPE', false],
    [503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests', 'QUERY_LIMIT', true],
    [429, 'QUERY_LIMIT_EXCEEDED', 'Too many requests', 'QUERY_LIMIT', true],
    [429, 'OPERATION_TIME_LIMIT', '', 'OPERATION_LIMIT', true],
    [503, 'OVERLOAD_LIMIT', '', 'OVERLOAD', false],
    [500, 'PORTAL_DELETED', '', 'PORTAL_DELETED', false],
    [500, 'INTERNAL_SERVER_ERROR', '', 'SERVER_ERROR', true],
    [500, 'ERROR_UNEXPECTED_ANSWER', '', 'SERVER_ERROR', true],
    [400, '', 'Not found', 'NOT_FOUND', false],
    [400, '', 'product does not exist.', 'NOT_FOUND', false],
    [400, '0', 'Payment has not been found', 'NOT_FOUND', false], // D crm-item-payment-*.md (error 0)
    [400, '0', 'Payable item has not been found', 'NOT_FOUND', false],
    [400, 'OWNER_NOT_FOUND', 'Owner was not found', 'NOT_FOUND', false], // D crm-item-productrow-set.md
    [400, 'ERROR_NOT_FOUND', "The entity with ID '235' is not found.", 'NOT_FOUND', false],
    [400, '200040300010', 'Access Denied', 'ACCESS_DENIED', false], // D catalog-product-get.md
    [400, '0', 'Required fields: price, currency', 'VALIDATION', false], // D catalog-price-update.md
    [400, 'ERROR_CORE', 'Email "x@" is an invalid address.', 'VALIDATION', false],
    [400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded', 'METHOD_ERROR', false],
  ])('%i %s %s → %s', (status, error, desc, code, retryable) => {
    const e = errorFromApi(status, error, desc, 'crm.contact.add');
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.userMessage).toMatch(/[А-Яа-я]/);
  });

  it('names the missing scope and what to do', () => {
    const e = errorFromApi(403, 'insufficient_scope', '', 'catalog.product.add');
    expect(e).toBeInstanceOf(Bitrix24ScopeError);
    expect((e as Bitrix24ScopeError).missingScopes).toEqual(['catalog']);
    expect(e.userMessage).toContain('catalog');
  });

  it('an invalid e-mail says what to fix', () => {
    expect(errorFromApi(400, 'ERROR_CORE', 'Email "x@" is an invalid address.').userMessage).toMatch(/e-mail/);
  });

  it('network errors: known not-sent vs outcome unknown; never the secret', () => {
    const refused = errorFromNetwork(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'p.bitrix24.ru');
    expect(refused).toMatchObject({ code: 'UNREACHABLE', outcomeUnknown: false, retryable: true });
    const reset = errorFromNetwork(Object.assign(new Error('socket hang up https://p/rest/1/abcdef123/x'), { code: 'ECONNRESET' }), 'p', 'x', ['abcdef123']);
    expect(reset).toMatchObject({ code: 'NETWORK', outcomeUnknown: true });
    expect(String((reset.cause as Error).message)).not.toContain('abcdef123');
    expect(sanitizeCause(new Error('GET https://a/rest/12/zzzzzz/profile failed')).message).toBe('GET https://a/rest/12/••••••/profile failed');
  });
});

describe('small helpers', () => {
  it('webhook addresses: parse and mask', () => {
    const p = parseWebhookUrl(' https://shop.bitrix24.ru/rest/7/k3y99xyz/profile.json ');
    expect(p.ok && p.value).toMatchObject({ portalUrl: 'https://shop.bitrix24.ru', userId: '7', secret: 'k3y99xyz', endpoint: 'https://shop.bitrix24.ru/rest/7/k3y99xyz/' });
    expect(maskSecrets('see https://shop.bitrix24.ru/rest/7/k3y99xyz/ now')).toBe('see https://shop.bitrix24.ru/rest/7/••••••/ now');
  });

  it('id sets round-trip as ranges', () => {
    const ids = [5, 1, 2, 3, 10, 11, 3, 100];
    expect(encodeIdSet(ids)).toBe('1-3,5,10-11,100');
    expect([...decodeIdSet('1-3,5,10-11,100')].sort((a, b) => a - b)).toEqual([1, 2, 3, 5, 10, 11, 100]);
  });

  it('portal times keep their offset', () => {
    const ms = parsePortalTime('2026-03-01T12:00:05+03:00')!;
    expect(new Date(ms).toISOString()).toBe('2026-03-01T09:00:05.000Z');
    expect(formatPortalTime(ms - 60_000, offsetOf('2026-03-01T12:00:05+03:00'))).toBe('2026-03-01T11:59:05+03:00');
  });

  it('backoff grows exponentially with bounded jitter', () => {
    expect(backoffMs(DEFAULT_RETRY, 1, () => 0.5)).toBe(500);
    expect(backoffMs(DEFAULT_RETRY, 3, () => 0.5)).toBe(2000);
    expect(backoffMs(DEFAULT_RETRY, 20, () => 1)).toBe(36_000);
    expect(backoffMs(DEFAULT_RETRY, 2, () => 0)).toBe(800);
  });
});
