/**
 * Customers ⇄ Bitrix24 contacts (persons) and companies (legal entities) — EntityAdapter<'customer'>.
 * Ids are "C_<id>" / "CO_<id>". Creates carry ORIGINATOR_ID/ORIGIN_ID (the 1С reference) so a create whose answer was
 * lost is found instead of repeated; phones/e-mails change by value ID (ref §4.2); INN/KPP live in a requisite (ref §5).
 */
import type { Customer, CustomerKind, SourceRecord } from '../../../../shared/domain';
import type { ChangePage, EntityAdapter, WriteOptions } from '../../types';
import type { Job } from '../batch';
import { decodeCursor, encodeCursor, sweepChanges, type SweepState } from '../changes';
import { isObject } from '../envelope';
import { Bitrix24Error, conflictError } from '../errors';
import { scanAll } from '../scan';
import { recordVersion } from '../version';
import type { AdapterContext } from './context';
import { companyToCustomer, contactToCustomer, customerFields, planContacts, sameCustomer, validateCustomer } from './customer-map';
import { customerId, parseCustomerId } from './ids';

type Row = Record<string, unknown>;
type Entity = 'contact' | 'company';

const ENTITY: Record<CustomerKind, Entity> = { person: 'contact', company: 'company' };
const KIND: Record<Entity, CustomerKind> = { contact: 'person', company: 'company' };

interface CustomerCursor {
  contact: SweepState | null;
  company: SweepState | null;
}

export class Bitrix24CustomerAdapter implements EntityAdapter<'customer'> {
  readonly entity = 'customer' as const;

  constructor(private readonly ctx: AdapterContext, private readonly behaviour: { checkExistingOnCreate?: boolean } = {}) {}

  private get card(): string {
    return this.ctx.options.bonusCardField;
  }

  private select(e: Entity): string[] {
    const base = ['ID', 'PHONE', 'EMAIL', 'DATE_MODIFY', 'MODIFY_BY_ID', 'ORIGIN_ID', 'ORIGINATOR_ID', this.card];
    return e === 'contact' ? [...base, 'NAME', 'LAST_NAME', 'SECOND_NAME'] : [...base, 'TITLE'];
  }

  async get(id: string): Promise<SourceRecord<Customer> | null> {
    const { kind, id: n } = parseCustomerId(id);
    await this.ctx.setup();
    const row = await this.readRow(ENTITY[kind], n);
    if (!row) return null;
    const req = kind === 'company' ? await this.readRequisite(n) : null;
    return this.toRecord(ENTITY[kind], row, req);
  }

  async create(data: Customer, options: WriteOptions): Promise<SourceRecord<Customer>> {
    validateCustomer(data);
    await this.ctx.setup();
    const e = ENTITY[data.kind];
    const ref = options.externalRef;
    if (ref && this.behaviour.checkExistingOnCreate !== false) {
      const existing = await this.findOne(e, ref);
      if (existing) return this.update(customerId(data.kind, Number(existing.ID)), data, { ...options, expectedVersion: undefined });
    }
    const fields: Row = {
      ...customerFields(data, this.card),
      PHONE: data.phones.map((v) => ({ VALUE: v, VALUE_TYPE: 'WORK' })),
      EMAIL: data.emails.map((v) => ({ VALUE: v, VALUE_TYPE: 'WORK' })),
      ORIGINATOR_ID: this.ctx.options.originatorId,
    };
    if (ref) fields.ORIGIN_ID = ref;
    const job: Job = { method: `crm.${e}.add`, params: { fields, params: { REGISTER_SONET_EVENT: 'N' } } };
    if (ref) job.lookup = { command: this.byOrigin(e, ref), pick: firstId };
    const id = Number(await this.ctx.rpc.run(job));
    if (data.kind === 'company' && this.ctx.options.requisites.enabled && data.inn) await this.writeRequisite(id, data, null);
    return this.mustGet(customerId(data.kind, id));
  }

  async update(id: string, data: Customer, options: WriteOptions): Promise<SourceRecord<Customer>> {
    validateCustomer(data);
    await this.ctx.setup();
    const { kind, id: n } = parseCustomerId(id);
    if (data.kind !== kind) {
      throw new Bitrix24Error({ code: 'VALIDATION', message: `kind change ${kind} → ${data.kind}`, userMessage: `Покупатель «${data.fullName}» в 1С сменил вид (физлицо ↔ юрлицо), а в Битрикс24 контакт нельзя превратить в компанию. Создайте запись нужного вида вручную и свяжите её.` });
    }
    const e = ENTITY[kind];
    const row = await this.readRow(e, n);
    if (!row) throw notFound(id);
    const req = kind === 'company' ? await this.readRequisite(n) : null;
    const before = this.toRecord(e, row, req);
    if (options.expectedVersion && before.version !== options.expectedVersion) throw conflictError(id, options.expectedVersion, before.version);
    const current = before.data;
    const withRq = this.ctx.options.requisites.enabled;
    if (sameCustomer(current, data, withRq)) return before;

    const plan = planContacts(row, data);
    const fields: Row = customerFields(data, this.card);
    if (plan.PHONE.length > 0) fields.PHONE = plan.PHONE;
    if (plan.EMAIL.length > 0) fields.EMAIL = plan.EMAIL;
    await this.ctx.rpc.run({ method: `crm.${e}.update`, params: { id: n, fields, params: { REGISTER_SONET_EVENT: 'N' } } });
    if (kind === 'company' && withRq && ((data.inn ?? '') !== (current.inn ?? '') || (data.kpp ?? '') !== (current.kpp ?? ''))) {
      await this.writeRequisite(n, data, req);
    }
    return this.mustGet(id);
  }

  async markDeleted(id: string): Promise<void> {
    const { kind, id: n } = parseCustomerId(id);
    try {
      await this.ctx.rpc.run({ method: `crm.${ENTITY[kind]}.delete`, params: { id: n } });
    } catch (err) {
      if (!(err instanceof Bitrix24Error && err.code === 'NOT_FOUND')) throw err;
    }
  }

  async findByExternalRef(externalRef: string): Promise<SourceRecord<Customer> | null> {
    await this.ctx.setup();
    for (const e of ['contact', 'company'] as const) {
      const row = await this.findOne(e, externalRef);
      if (row) return this.get(customerId(KIND[e], Number(row.ID)));
    }
    return null;
  }

  async listChanges(cursor: string | null): Promise<ChangePage<Customer>> {
    await this.ctx.setup();
    const prev = decodeCursor<CustomerCursor>(cursor) ?? { contact: null, company: null };
    const opts = this.ctx.sweepOptions();
    const [contacts, companies] = await Promise.all((['contact', 'company'] as const).map((e) =>
      sweepChanges(this.ctx.client, { method: `crm.${e}.list`, idKey: 'ID', modifiedField: 'DATE_MODIFY', select: this.select(e), versionOf: (r) => this.toRecord(e, r, null).version }, prev[e], opts)));
    const reqs = await this.requisitesOf(companies.rows.map((r) => Number(r.ID)));
    const records = [
      ...contacts.rows.map((r) => this.toRecord('contact', r, null)),
      ...companies.rows.map((r) => this.toRecord('company', r, reqs.get(Number(r.ID)) ?? null)),
    ];
    return {
      records,
      deletedIds: [...contacts.deletedIds.map((i) => customerId('person', i)), ...companies.deletedIds.map((i) => customerId('company', i))],
      nextCursor: encodeCursor({ contact: contacts.state, company: companies.state } satisfies CustomerCursor),
      hasMore: contacts.hasMore || companies.hasMore,
    };
  }

  // ---------- helpers ----------

  private async mustGet(id: string): Promise<SourceRecord<Customer>> {
    const r = await this.get(id);
    if (!r) throw notFound(id);
    return r;
  }

  private async readRow(e: Entity, id: number): Promise<Row | null> {
    try {
      const r = await this.ctx.rpc.run({ method: `crm.${e}.get`, params: { id } });
      return isObject(r) ? r : null;
    } catch (err) {
      if (err instanceof Bitrix24Error && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private byOrigin(e: Entity, ref: string): Job {
    return { method: `crm.${e}.list`, params: { filter: { '=ORIGIN_ID': ref, '=ORIGINATOR_ID': this.ctx.options.originatorId }, select: ['ID'], order: { ID: 'ASC' }, start: -1 } };
  }

  private async findOne(e: Entity, ref: string): Promise<Row | null> {
    const list = await this.ctx.rpc.run(this.byOrigin(e, ref));
    return Array.isArray(list) && isObject(list[0]) ? list[0] : null;
  }

  private async readRequisite(companyId: number): Promise<Row | null> {
    if (!this.ctx.options.requisites.enabled) return null;
    const list = await this.ctx.rpc.run({ method: 'crm.requisite.list', params: { filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: companyId }, select: ['ID', 'RQ_INN', 'RQ_KPP', 'PRESET_ID'], order: { ID: 'ASC' } } });
    return Array.isArray(list) && isObject(list[0]) ? list[0] : null;
  }

  private async requisitesOf(companyIds: number[]): Promise<Map<number, Row>> {
    const out = new Map<number, Row>();
    if (!this.ctx.options.requisites.enabled || companyIds.length === 0) return out;
    for (let i = 0; i < companyIds.length; i += 500) {
      const rows = await scanAll(this.ctx.client, { method: 'crm.requisite.list', params: { filter: { ENTITY_TYPE_ID: 4, '@ENTITY_ID': companyIds.slice(i, i + 500) }, select: ['ID', 'ENTITY_ID', 'RQ_INN', 'RQ_KPP'] } });
      for (const r of rows) if (!out.has(Number(r.ENTITY_ID))) out.set(Number(r.ENTITY_ID), r);
    }
    return out;
  }

  private async writeRequisite(companyId: number, data: Customer, current: Row | null): Promise<void> {
    const setup = await this.ctx.setup();
    const fields: Row = { RQ_INN: data.inn ?? '', RQ_KPP: data.kpp ?? '' };
    if (current) {
      await this.ctx.rpc.run({ method: 'crm.requisite.update', params: { id: Number(current.ID), fields } });
      return;
    }
    const individual = (data.inn ?? '').length === 12 && !data.kpp;
    const presetId = individual ? (setup.presets.individual ?? setup.presets.company) : setup.presets.company;
    await this.ctx.rpc.run({
      method: 'crm.requisite.add',
      params: { fields: { ...fields, ENTITY_TYPE_ID: 4, ENTITY_ID: companyId, PRESET_ID: presetId, NAME: data.fullName.slice(0, 150) || 'Реквизиты', RQ_COMPANY_NAME: data.fullName, ORIGINATOR_ID: this.ctx.options.originatorId } },
      lookup: { command: { method: 'crm.requisite.list', params: { filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: companyId }, select: ['ID'], order: { ID: 'ASC' } } }, pick: firstId },
    });
  }

  private toCustomer(e: Entity, row: Row, req: Row | null): Customer {
    return e === 'contact' ? contactToCustomer(row, this.card) : companyToCustomer(row, this.card, req);
  }

  private toRecord(e: Entity, row: Row, req: Row | null): SourceRecord<Customer> {
    const modifiedAt = String(row.DATE_MODIFY ?? '');
    const modifiedBy = row.MODIFY_BY_ID === undefined || row.MODIFY_BY_ID === null ? undefined : String(row.MODIFY_BY_ID);
    const data = this.toCustomer(e, row, req);
    return { id: customerId(KIND[e], Number(row.ID)), version: recordVersion(modifiedAt, modifiedBy, data), deleted: false, modifiedBy, modifiedAt: modifiedAt || undefined, data };
  }
}

function firstId(result: unknown): number | null {
  return Array.isArray(result) && isObject(result[0]) ? Number(result[0].ID) : null;
}

function notFound(id: string): Bitrix24Error {
  return new Bitrix24Error({ code: 'NOT_FOUND', message: `${id} not found`, userMessage: `Запись ${id} не найдена в Битрикс24 (возможно, её удалили). Проверьте её на портале; обмен снимет связь, если запись удалена.` });
}
