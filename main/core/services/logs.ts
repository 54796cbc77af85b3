/** Logs service (G6): the latest entries of the journal, filtered by level and text. */
import { LogQuerySchema, type LogEntry, type LogQuery, type LogsService } from '../../../shared/api';
import type { Db } from '../../store/db';

interface Row {
  id: number;
  at: string;
  level: LogEntry['level'];
  module: string;
  message: string;
  run_id: string | null;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function createLogsService(db: Db): LogsService {
  return {
    async list(raw?: LogQuery) {
      const q = LogQuerySchema.parse(raw ?? {});
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (q.level) {
        const allowed = LEVELS.slice(LEVELS.indexOf(q.level));
        where.push(`level IN (${allowed.map(() => '?').join(',')})`);
        params.push(...allowed);
      }
      if (q.search) {
        where.push("(message LIKE ? ESCAPE '\\' OR module LIKE ? ESCAPE '\\')");
        const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        params.push(like, like);
      }
      const sql = `SELECT id, at, level, module, message, run_id FROM log_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...params, q.limit) as Row[];
      return rows.map((r) => ({ id: r.id, at: r.at, level: r.level, module: r.module, message: r.message, runId: r.run_id }));
    },
  };
}
