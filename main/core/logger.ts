/**
 * Per-module loggers (ARCHITECTURE.md §11). Every entry is redacted, kept in SQLite for the Журнал screen (G6),
 * echoed to stderr when asked, and published as a `log.entry` event.
 */
import type { LogEntry, LogLevel } from '../../shared/api';
import type { Db } from '../store/db';
import type { Redactor } from './redact';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(module: string): Logger;
  withRun(runId: string): Logger;
}

export interface LogSinkOptions {
  db: Db;
  redactor: Redactor;
  /** Minimum level echoed to stderr; null = none. */
  echoLevel?: LogLevel | null;
  onEntry?: (entry: LogEntry) => void;
  now?: () => Date;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export class LogSink {
  private readonly insert;
  constructor(private readonly opts: LogSinkOptions) {
    this.insert = opts.db.prepare('INSERT INTO log_entries (at, level, module, message, run_id) VALUES (?, ?, ?, ?, ?)');
  }

  write(level: LogLevel, module: string, message: string, runId: string | null): void {
    const at = (this.opts.now?.() ?? new Date()).toISOString();
    const clean = this.opts.redactor.redact(message);
    const info = this.insert.run(at, level, module, clean, runId);
    const entry: LogEntry = { id: Number(info.lastInsertRowid), at, level, module, message: clean, runId };
    const echo = this.opts.echoLevel;
    if (echo && ORDER[level] >= ORDER[echo]) process.stderr.write(`${at} ${level.toUpperCase()} [${module}] ${clean}\n`);
    this.opts.onEntry?.(entry);
  }

  logger(module: string, runId: string | null = null): Logger {
    const w = (level: LogLevel) => (message: string) => this.write(level, module, message, runId);
    return {
      debug: w('debug'),
      info: w('info'),
      warn: w('warn'),
      error: w('error'),
      child: (sub) => this.logger(`${module}/${sub}`, runId),
      withRun: (id) => this.logger(module, id),
    };
  }
}
