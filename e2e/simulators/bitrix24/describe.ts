// Human-readable summary for the CLI and GET /_sim/.
import { CONTROL_OPERATIONS } from './http/control-route';

export function describe(): string {
  return [
    'Bitrix24 cloud portal REST simulator (see /work/shared/reference/bitrix24-rest.md)',
    '',
    'REST:   POST|GET /rest/<userId>/<secret>/<method>[.json]   (incoming webhook, user 1 = integration admin)',
    '        POST|GET /rest/<method>[.json]?auth=<access_token>  (OAuth local app)',
    '        GET|POST /oauth/token/?grant_type=refresh_token&client_id&client_secret&refresh_token',
    'Bodies: JSON, form-encoded with nested keys (fields[PHONE][0][VALUE]=…), or query string.',
    'Limits: leaky bucket 50 burst / 2 per s (enterprise 250 / 5) → 503 QUERY_LIMIT_EXCEEDED;',
    '        per-method operating time over 10 min → 429 OPERATION_TIME_LIMIT; 60 s per request → 504 HTML.',
    '        Durations scale with timeScale (0.01 = 100× faster).',
    'Methods: crm.contact|company|deal.* (+ userfield.*), crm.deal.productrows.get|set, crm.item.* (2/3/4),',
    '        crm.item.productrow.*, crm.item.payment.* (+ product.add|list), crm.category.list, crm.status.list,',
    '        crm.currency.list, crm.requisite.* (+ preset.list), crm.duplicate.findbycomm, catalog.catalog.list,',
    '        catalog.product.*, catalog.section.*, catalog.price.* (+ modify), catalog.priceType|measure|vat.list,',
    '        sale.paysystem.list, profile, scope, server.time, user.current, app.info, methods, batch.',
    `Control: POST /_sim/<op> with JSON args; ops: ${CONTROL_OPERATIONS.join(', ')}`,
  ].join('\n');
}
