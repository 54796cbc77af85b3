// Runs the official @bitrix24/b24jssdk, unmodified, against the simulator (ref §14). Started by
// sdk-conformance.test.ts in a child process whose env alone trusts the self-signed certificate.
// Prints one JSON line with what it observed.
import { AjaxError, B24Hook, type AjaxResult } from '@bitrix24/b24jssdk';

const webhookUrl = process.argv[2];
const out: Record<string, unknown> = {};

function codeOf(e: unknown): unknown {
  return e instanceof AjaxError ? { code: e.code, status: e.status } : { message: String(e) };
}

try {
  B24Hook.fromWebhookUrl(webhookUrl.replace('https://', 'http://'));
  out.httpRefused = false;
} catch (e) {
  out.httpRefused = (e as { code?: string }).code;
}

const b24 = B24Hook.fromWebhookUrl(webhookUrl);
b24.offClientSideWarning();

// add
const added = await b24.actions.v2.call.make<number>({ method: 'crm.contact.add', params: { fields: { NAME: 'SDK', LAST_NAME: 'Контакт', PHONE: [{ VALUE: '+79995550000', VALUE_TYPE: 'WORK' }] } } });
out.addedId = added.getData()?.result;

// batchByChunk: 60 creates in chunks of 50
const chunk = await b24.actions.v2.batchByChunk.make<number>({
  calls: Array.from({ length: 60 }, (_, i) => ['crm.contact.add', { fields: { NAME: `Chunk ${i}`, ORIGIN_ID: `sdk-${i}` } }] as [string, Record<string, unknown>]),
  options: { isHaltOnError: true },
});
out.chunkIds = chunk.getData()?.length;

// list with getTotal / isMore
const list = await b24.actions.v2.call.make<{ ID: string }[]>({ method: 'crm.contact.list', params: { order: { ID: 'ASC' }, select: ['ID', 'NAME'] } });
out.listTotal = list.getTotal();
out.listIsMore = list.isMore();
out.listPage = list.getData()?.result.length;

// batch with $result references (named) and as an array
const named = await b24.actions.v2.batch.make({
  calls: {
    c: ['crm.contact.add', { fields: { NAME: 'Ref' } }],
    g: ['crm.contact.get', { id: '$result[c]' }],
    d: ['crm.item.add', { entityTypeId: 2, fields: { title: 'SDK deal', contactId: '$result[c]' } }],
    r: ['crm.item.get', { entityTypeId: 2, id: '$result[d][item][id]' }],
  },
  options: { isHaltOnError: true, returnAjaxResult: true },
});
const byKey = named.getData() as Record<string, AjaxResult<Record<string, unknown>>>;
const refContact = byKey.c.getData()?.result as unknown as number;
out.batchOk = named.isSuccess;
out.batchRefName = (byKey.g.getData()?.result as { NAME?: string }).NAME;
out.batchRefDealContactMatches = ((byKey.r.getData()?.result as { item: { contactId: number } }).item.contactId) === refContact;
const asArray = await b24.actions.v2.batch.make({ calls: [['server.time', {}], ['crm.contact.get', { id: out.addedId }]], options: { returnAjaxResult: true } });
const arr = asArray.getData() as AjaxResult<Record<string, unknown>>[];
out.arrayBatchName = (arr[1].getData()?.result as { NAME?: string }).NAME;

// callList (cursor paging on crm.item.list)
const all = await b24.actions.v2.callList.make<{ id: number }>({ method: 'crm.item.list', params: { entityTypeId: 3, select: ['id'] }, idKey: 'id', customKeyForResult: 'items' });
out.callListCount = all.getData()?.length;
out.callListUnique = new Set(all.getData()?.map((i) => i.id)).size;

// fetchList (legacy list generator)
const chunks: number[] = [];
for await (const rows of b24.actions.v2.fetchList.make<{ ID: string }>({ method: 'crm.contact.list', params: { select: ['ID'] }, idKey: 'ID' })) chunks.push(rows.length);
out.fetchListChunks = chunks;

// NOT_FOUND mapping
try {
  await b24.actions.v2.call.make({ method: 'crm.item.get', params: { entityTypeId: 3, id: 999999 } });
  out.notFound = 'no error';
} catch (e) {
  out.notFound = codeOf(e);
}
const failing = await b24.actions.v2.batch.make({ calls: [['crm.item.get', { entityTypeId: 3, id: 999999 }]], options: { isHaltOnError: false, returnAjaxResult: true } });
out.batchNotFound = failing.isSuccess ? 'no error' : failing.getErrorMessages().join(' | ');

// unknown method
try {
  await b24.actions.v2.call.make({ method: 'crm.nope.list', params: {} });
} catch (e) {
  out.unknownMethod = codeOf(e);
}

console.log(JSON.stringify(out));
