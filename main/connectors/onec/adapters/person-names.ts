/**
 * Name parts of persons: РегистрСведений.ФИОФизЛиц (independent, periodic by day; dimension ФизЛицо is composite,
 * ref §2.1). The latest record per person wins. A change of today replaces today's record (same key).
 */
import type { ODataRow } from '../client';
import { isoToNaive, refOrNull, toStr } from '../convert';
import { OnecError } from '../errors';
import type { OnecContext } from '../options';
import { castLiteral, datetimeLiteral, guidLiteral, stringLiteral } from '../query';
import { publishedOnly } from '../metadata';
import { listBatches, mapLimit } from '../reads';

export interface NameParts {
  lastName: string;
  firstName: string;
  middleName: string;
}

export class PersonNames {
  constructor(private readonly ctx: OnecContext) {}

  private get n() {
    return this.ctx.names.personName;
  }

  private select(): string[] {
    const n = this.n;
    return publishedOnly(this.ctx.model, n.set, ['Period', n.person, `${n.person}_Type`, n.lastName, n.firstName, n.middleName]);
  }

  private latest(rows: ODataRow[], best = new Map<string, { period: string; parts: NameParts }>(), keep?: (id: string) => boolean): Map<string, { period: string; parts: NameParts }> {
    const n = this.n;
    for (const r of rows) {
      const id = refOrNull(r[n.person]);
      if (!id || (keep && !keep(id)) || !toStr(r[`${n.person}_Type`]).endsWith(this.ctx.names.person.set)) continue;
      const period = toStr(r.Period);
      const prev = best.get(id);
      if (prev && prev.period >= period) continue;
      best.set(id, { period, parts: { lastName: toStr(r[n.lastName]).trim(), firstName: toStr(r[n.firstName]).trim(), middleName: toStr(r[n.middleName]).trim() } });
    }
    return best;
  }

  private static parts(best: Map<string, { period: string; parts: NameParts }>): Map<string, NameParts> {
    const out = new Map<string, NameParts>();
    for (const [id, v] of best) out.set(id, v.parts);
    return out;
  }

  /**
   * Every record, paged on the register's key (registers have no Ref_Key to order by), folded page by page;
   * `keep` limits the result to some persons (the register is read whole either way).
   */
  async all(keep?: (id: string) => boolean): Promise<Map<string, NameParts>> {
    const best = new Map<string, { period: string; parts: NameParts }>();
    for await (const page of this.ctx.client.pages(this.n.set, { select: this.select(), orderby: `Period, ${this.n.person}`, pageSize: this.ctx.options.keyPageSize ?? 5000 })) {
      this.latest(page, best, keep);
    }
    return PersonNames.parts(best);
  }

  /** Name parts of some persons, 10 per request (a composite condition with cast is long in a URL). */
  async forPersons(ids: readonly string[]): Promise<Map<string, NameParts>> {
    const set = this.ctx.names.person.set;
    const query = (batch: string[]) => ({
      select: this.select(),
      filter: batch.map((id) => `${this.n.person} eq ${castLiteral(id, set)}`).join(' or '),
      top: 1000,
    });
    const pages = await mapLimit(listBatches(ids, 10, query), 3, (batch) => this.ctx.client.list(this.n.set, query(batch)));
    return PersonNames.parts(this.latest(pages.flat()));
  }

  /** Writes today's record (POST; when today's already exists — PATCH it by its full key, ref §1.6). */
  async write(personId: string, parts: NameParts): Promise<void> {
    const n = this.n;
    const personType = `StandardODATA.${this.ctx.names.person.set}`;
    const period = `${isoToNaive(this.ctx.now(), this.ctx.options.timeZone).slice(0, 10)}T00:00:00`;
    const values = { [n.lastName]: parts.lastName, [n.firstName]: parts.firstName, [n.middleName]: parts.middleName };
    try {
      await this.ctx.client.create(n.set, { Period: period, [n.person]: personId, [`${n.person}_Type`]: personType, ...values });
    } catch (err) {
      if (!isKeyExists(err)) throw err;
      // The key of a composite dimension is value + _Type (ref §1.4); whether 1С wants the value as a string or
      // a guid literal in the key predicate is [unconf] — the string form first, then the guid form.
      const key = (value: string): string => `Period=${datetimeLiteral(period)},${n.person}=${value},${n.person}_Type=${stringLiteral(personType)}`;
      try {
        await this.ctx.client.patchByKey(n.set, key(stringLiteral(personId)), values);
      } catch (first) {
        if (!(first instanceof OnecError) || (first.code !== 'BAD_REQUEST' && first.code !== 'NOT_FOUND')) throw first;
        await this.ctx.client.patchByKey(n.set, key(guidLiteral(personId)), values).catch(() => Promise.reject(first));
      }
    }
  }
}

/** A POST of a register record whose key is taken: code 15 (ref §1.8), or a 400 saying so (ref §1.6). */
function isKeyExists(err: unknown): boolean {
  if (!(err instanceof OnecError)) return false;
  return err.odataCode === '15' || (err.code === 'BAD_REQUEST' && /существует|already exists/i.test(err.serverMessage ?? ''));
}
