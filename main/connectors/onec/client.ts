/**
 * OData operations on top of the transport: collection reads with mandatory `$select`/`$top`, stable paging
 * (`$orderby` + `$skip`/`$top`, never `$inlinecount` — ref §1.5), `/$count`, single-object reads, POST/PATCH,
 * bound actions (Post/Unpost) and virtual tables (SliceLast). Knows nothing about Розница.
 */
import type { AxiosInstance } from 'axios';
import { OnecConfigError, OnecError } from './errors';
import { buildQuery, entityPath, encodeSegment, type QueryOptions } from './query';
import { parseServiceUrl } from './service-url';
import { OnecTransport, type TransferStats } from './transport';

export type ODataRow = Record<string, unknown>;

export interface OnecConnection {
  url: string;
  user: string;
  password: string;
}

export interface OnecClientDeps {
  http?: AxiosInstance;
  timeoutMs?: number;
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PageQuery {
  select: readonly string[];
  filter?: string;
  /** Required: a reproducible order is what makes $skip paging gap-free (ref §1.5). */
  orderby: string;
  pageSize: number;
  expand?: readonly string[];
}

/** Smallest page the iterator falls back to when 1С fails on a big one (temp-file exhaustion, ref §1.5). */
const MIN_PAGE = 1;

export class OnecClient {
  constructor(readonly transport: OnecTransport) {}

  static create(connection: OnecConnection, deps: OnecClientDeps = {}): OnecClient {
    const parsed = parseServiceUrl(connection.url);
    if (!parsed.ok) throw new OnecConfigError(`${parsed.message} ${parsed.hint}`);
    return new OnecClient(new OnecTransport({ serviceUrl: parsed.url, user: connection.user, password: connection.password }, deps));
  }

  get stats(): TransferStats {
    return this.transport.stats;
  }

  private async getJson(path: string): Promise<unknown> {
    const res = await this.transport.request({ method: 'GET', path });
    return parseJson(res.text);
  }

  /** One page of a collection. `top` is mandatory: 1С has no server page cap (ref §1.5). */
  async list(entitySet: string, query: QueryOptions & { top: number }): Promise<ODataRow[]> {
    return this.listAt(entityPath(entitySet), query);
  }

  /** One page of any collection path (entity set or virtual table such as `…/SliceLast(…)`). */
  async listAt(path: string, query: QueryOptions & { top: number }): Promise<ODataRow[]> {
    return valueOf(await this.getJson(path + buildQuery(query)));
  }

  /** All rows in pages; repeats (rows shifting under concurrent inserts) are the caller's to de-duplicate by key. */
  pages(entitySet: string, query: PageQuery): AsyncGenerator<ODataRow[]> {
    return this.pagesAt(entityPath(entitySet), query);
  }

  async *pagesAt(path: string, query: PageQuery): AsyncGenerator<ODataRow[]> {
    let skip = 0;
    let size = query.pageSize;
    for (;;) {
      let rows: ODataRow[];
      try {
        rows = await this.listAt(path, { ...query, top: size, skip });
      } catch (err) {
        // 1С builds a page in temp files and can fail on a big one: retry the same offset with a smaller page.
        if (err instanceof OnecError && (err.code === 'SERVER' || err.code === 'TIMEOUT') && size > MIN_PAGE) {
          size = Math.max(MIN_PAGE, Math.floor(size / 4));
          continue;
        }
        throw err;
      }
      if (rows.length > 0) yield rows;
      if (rows.length < size) return;
      skip += rows.length;
    }
  }

  /** Every row of a filtered query (pages concatenated). Use only for bounded results. */
  async all(entitySet: string, query: PageQuery): Promise<ODataRow[]> {
    return this.allAt(entityPath(entitySet), query);
  }

  async allAt(path: string, query: PageQuery): Promise<ODataRow[]> {
    const out: ODataRow[] = [];
    for await (const page of this.pagesAt(path, query)) out.push(...page);
    return out;
  }

  /** `Set/$count?$filter=…` → plain number (ref §1.5: $inlinecount would break paging). */
  async count(entitySet: string, filter?: string): Promise<number> {
    const q = filter ? `?$filter=${encodeURIComponent(filter)}` : '';
    const res = await this.transport.request({ method: 'GET', path: `${entityPath(entitySet)}/$count${q}`, accept: 'any' });
    const n = Number(res.text.trim());
    if (!Number.isSafeInteger(n)) throw new OnecError('NOT_ODATA', `1С вернула вместо количества объектов «${res.text.slice(0, 80)}».`);
    return n;
  }

  /** One object by key; null when 1С says it does not exist (404 / code 9). */
  async get(entitySet: string, id: string, select: readonly string[]): Promise<ODataRow | null> {
    try {
      return asRow(await this.getJson(entityPath(entitySet, id) + buildQuery({ select })));
    } catch (err) {
      if (err instanceof OnecError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  /** POST: creates and returns the whole object (201). Never retried (ref §1.11). */
  async create(entitySet: string, body: ODataRow): Promise<ODataRow> {
    const res = await this.transport.request({ method: 'POST', path: entityPath(entitySet) + buildQuery(null), body });
    return asRow(parseJson(res.text));
  }

  /** PATCH by key: partial update, a tabular section sent is replaced whole (ref §1.6). Never retried. */
  async patch(entitySet: string, id: string, body: ODataRow): Promise<ODataRow> {
    const res = await this.transport.request({ method: 'PATCH', path: entityPath(entitySet, id) + buildQuery(null), body });
    return asRow(parseJson(res.text));
  }

  /** PATCH of an independent register record by its full key (ref §1.6), e.g. `Period=datetime'…',Изм=guid'…'`. */
  async patchByKey(entitySet: string, keyLiteral: string, body: ODataRow): Promise<ODataRow> {
    const path = `${encodeSegment(entitySet)}(${encodeSegment(keyLiteral)})${buildQuery(null)}`;
    const res = await this.transport.request({ method: 'PATCH', path, body });
    return asRow(parseJson(res.text));
  }

  /** Bound document action: `Post` (non-operational posting) or `Unpost` (ref §1.6). */
  async invoke(entitySet: string, id: string, action: 'Post' | 'Unpost'): Promise<void> {
    const params = action === 'Post' ? '&PostingModeOperational=false' : '';
    await this.transport.request({ method: 'POST', path: `${entityPath(entitySet, id)}/${action}${buildQuery(null)}${params}` });
  }

  /**
   * Path of the virtual table `SliceLast` (ref §1.9): `Set/SliceLast(Period=datetime'…',Condition='…')`.
   * The condition is an OData filter over dimensions; its quotes are doubled inside the argument.
   * Use with listAt/allAt.
   */
  sliceLastPath(entitySet: string, args: { period?: string; condition?: string }): string {
    const parts: string[] = [];
    if (args.period) parts.push(`Period=datetime'${args.period}'`);
    if (args.condition) parts.push(`Condition='${args.condition.replace(/'/g, "''")}'`);
    return `${encodeSegment(entitySet)}/SliceLast(${encodeSegment(parts.join(','))})`;
  }

  /** CSDL of the published composition (XML only, can be large — cache it, ref §1.11). */
  async metadataXml(): Promise<string> {
    const res = await this.transport.request({ method: 'GET', path: '$metadata', accept: 'xml' });
    return res.text;
  }

  /** Names of the published entity sets (service document). */
  async entitySetNames(): Promise<string[]> {
    return serviceDocumentNames(await this.getJson(buildQuery(null)));
  }
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new OnecError('NOT_ODATA', 'Ответ 1С не является корректным JSON. Проверьте адрес публикации и работу веб-сервера.', { cause: err });
  }
}

function asRow(json: unknown): ODataRow {
  if (json && typeof json === 'object' && !Array.isArray(json)) return json as ODataRow;
  throw new OnecError('NOT_ODATA', 'Ответ 1С не похож на объект OData.');
}

function valueOf(json: unknown): ODataRow[] {
  const v = (json as { value?: unknown } | null)?.value;
  if (Array.isArray(v)) return v as ODataRow[];
  throw new OnecError('NOT_ODATA', 'Ответ 1С не похож на список объектов OData (нет поля value).');
}

/** Service document entries are `{name, url}` in JSON (ref §1.2). */
export function serviceDocumentNames(json: unknown): string[] {
  const v = (json as { value?: unknown } | null)?.value;
  if (!Array.isArray(v)) throw new OnecError('NOT_ODATA', 'Корневой документ OData 1С не содержит списка наборов (value).');
  return v
    .map((e) => (e && typeof e === 'object' ? ((e as { name?: unknown; url?: unknown }).name ?? (e as { url?: unknown }).url) : e))
    .filter((n): n is string => typeof n === 'string');
}
