/**
 * Safe writes (ref §1.6, §1.7):
 * - optimistic locking by hand: re-read DataVersion right before PATCH and refuse to overwrite a version the
 *   engine has not seen (a real server ignores If-Match, ref §1.7, so it is not relied on);
 * - never DELETE (it deletes physically): deletion is `DeletionMark = true`;
 * - re-read after writing and report what 1С silently changed (truncated strings, ignored values);
 * - post documents and surface posting errors per document;
 * - writes are never retried here (transport retries reads only).
 */
import type { ODataRow, OnecClient } from './client';
import { OnecConcurrencyError, OnecError, OnecPostingError, OnecWriteMismatchError, type FieldMismatch } from './errors';
import { toStr } from './convert';
import { publishedBody, type ODataModel } from './metadata';

export class SafeWriter {
  /** `model`: the published metadata; bodies are then cut to published fields (adapt, never assume — ref §2). */
  constructor(
    private readonly client: OnecClient,
    private readonly model?: () => ODataModel,
  ) {}

  private published(entitySet: string, body: ODataRow): ODataRow {
    return this.model ? publishedBody(this.model(), entitySet, body) : body;
  }

  /** Current DataVersion, or a NOT_FOUND error. */
  async currentVersion(entitySet: string, id: string): Promise<string> {
    const row = await this.client.get(entitySet, id, ['Ref_Key', 'DataVersion']);
    if (!row) throw new OnecError('NOT_FOUND', `Объект ${entitySet} (${id}) не найден в 1С — возможно, он удалён. Обмен снимет связь и сообщит об этом в журнале.`);
    return toStr(row.DataVersion);
  }

  /** Throws OnecConcurrencyError when 1С holds a version other than `expected` (no write happens). */
  async assertVersion(entitySet: string, id: string, expected: string | undefined): Promise<string> {
    const actual = await this.currentVersion(entitySet, id);
    if (expected !== undefined && expected !== actual) throw new OnecConcurrencyError(entitySet, id, expected, actual);
    return actual;
  }

  /** POST, then re-read the written fields and compare. */
  async create(entitySet: string, sent: ODataRow): Promise<ODataRow> {
    const body = this.published(entitySet, sent);
    const created = await this.client.create(entitySet, body);
    const id = toStr(created.Ref_Key);
    return this.verify(entitySet, id, body);
  }

  /**
   * PATCH guarded by the DataVersion the caller saw (`expectedDataVersion`; undefined = caller checked already),
   * then re-read and compare.
   */
  async patch(entitySet: string, id: string, sent: ODataRow, expectedDataVersion?: string): Promise<ODataRow> {
    const body = this.published(entitySet, sent);
    if (expectedDataVersion !== undefined) await this.assertVersion(entitySet, id, expectedDataVersion);
    // Only unpublished fields were to change: a no-op PATCH would still bump DataVersion (ref §1.4).
    if (Object.keys(body).length > 0 || Object.keys(sent).length === 0) await this.client.patch(entitySet, id, body);
    return this.verify(entitySet, id, body);
  }

  /** Deletion mark instead of DELETE (ref §1.6). Posted documents are unposted first. */
  async markDeleted(entitySet: string, id: string, expectedDataVersion?: string, isDocument = false): Promise<void> {
    const current = await this.client.get(entitySet, id, ['Ref_Key', 'DataVersion', 'DeletionMark', ...(isDocument ? ['Posted'] : [])]);
    if (!current) return; // already gone: the goal is reached
    if (expectedDataVersion !== undefined && toStr(current.DataVersion) !== expectedDataVersion) {
      throw new OnecConcurrencyError(entitySet, id, expectedDataVersion, toStr(current.DataVersion));
    }
    if (current.DeletionMark === true) return;
    if (isDocument && current.Posted === true) await this.client.invoke(entitySet, id, 'Unpost');
    await this.client.patch(entitySet, id, { DeletionMark: true });
  }

  /** Posts a document; a refusal becomes OnecPostingError for this document only, carrying `record`. */
  async post<R>(entitySet: string, id: string, label: string, record: () => Promise<R>): Promise<void> {
    try {
      await this.client.invoke(entitySet, id, 'Post');
    } catch (err) {
      if (err instanceof OnecError && (err.code === 'BUSINESS' || err.code === 'SERVER' || err.code === 'BAD_REQUEST' || err.code === 'FORBIDDEN')) {
        throw new OnecPostingError(label, id, await record(), err);
      }
      throw err;
    }
  }

  /** Re-reads the fields that were sent and lists the ones 1С stored differently. */
  private async verify(entitySet: string, id: string, body: ODataRow): Promise<ODataRow> {
    const fields = Object.keys(body).filter((k) => !k.includes('@'));
    const stored = await this.client.get(entitySet, id, ['Ref_Key', 'DataVersion', ...fields]);
    if (!stored) throw new OnecError('NOT_FOUND', `Объект ${entitySet} (${id}) записан, но при повторном чтении не найден. Проверьте журнал регистрации 1С.`);
    const mismatches = compareWritten(body, stored);
    if (mismatches.length > 0) throw new OnecWriteMismatchError(entitySet, id, stored, mismatches);
    return stored;
  }
}

function same(sent: unknown, stored: unknown): boolean {
  if (typeof sent === 'number') return typeof stored === 'number' ? Math.abs(sent - stored) < 1e-6 : Number(stored) === sent;
  if (typeof sent === 'string' && typeof stored === 'string') {
    // GUIDs come back lower-case; dates may come back without fractions.
    return sent === stored || sent.toLowerCase() === stored.toLowerCase() || (/^\d{4}-\d\d-\d\dT/.test(sent) && stored.startsWith(sent.slice(0, 19)));
  }
  if (typeof sent === 'string' && typeof stored === 'number') return Number(sent) === stored;
  return sent === stored;
}

/** Field-by-field comparison of what was sent with what 1С holds; tabular sections row by row. */
export function compareWritten(sent: ODataRow, stored: ODataRow, prefix = ''): FieldMismatch[] {
  const out: FieldMismatch[] = [];
  for (const [k, v] of Object.entries(sent)) {
    if (k.includes('@') || k === 'LineNumber') continue;
    const s = stored[k];
    if (Array.isArray(v)) {
      const rows = Array.isArray(s) ? (s as ODataRow[]) : [];
      if (rows.length !== v.length) {
        out.push({ field: `${prefix}${k}`, sent: `${v.length} строк`, stored: `${rows.length} строк` });
        continue;
      }
      v.forEach((row, i) => out.push(...compareWritten(row as ODataRow, rows[i] ?? {}, `${prefix}${k}[${i + 1}].`)));
      continue;
    }
    if (v !== null && typeof v === 'object') continue;
    if (!same(v, s)) out.push({ field: `${prefix}${k}`, sent: v, stored: s });
  }
  return out;
}
