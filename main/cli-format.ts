/** Human-readable (Russian) rendering of CLI results. */
import type { ConnectionCheckReport, SystemCheck } from '../shared/checks';

const STATUS_WORD = { ok: 'успешно', warning: 'есть предупреждения', error: 'ошибка' } as const;
const MARK = { ok: '✓', warning: '!', error: '✗' } as const;

function formatSystem<F>(title: string, check: SystemCheck<F>, found: string[]): string {
  const lines = [`${title} — ${STATUS_WORD[check.status]}: ${check.message}`];
  for (const item of check.items) {
    lines.push(`  ${MARK[item.status]} ${item.title}: ${item.message}`);
    if (item.hint && item.status !== 'ok') lines.push(`      Что сделать: ${item.hint}`);
  }
  const hintShown = check.items.some((i) => i.hint === check.hint && i.status !== 'ok');
  if (check.hint && !hintShown) lines.push(`  Что сделать: ${check.hint}`);
  for (const f of found) lines.push(`  ${f}`);
  return lines.join('\n');
}

export function formatCheckReport(report: ConnectionCheckReport): string {
  const parts: string[] = [];
  if (report.onec) {
    const f = report.onec.found;
    const found: string[] = [];
    if (f) {
      if (f.configurationName) found.push(`Конфигурация: ${f.configurationName}${f.configurationVersion ? ` ${f.configurationVersion}` : ''}`);
      found.push(`Опубликовано наборов сущностей: ${f.entitySetCount}`);
      if (f.missingEntitySets.length) found.push(`Не опубликованы: ${f.missingEntitySets.join(', ')}`);
    }
    parts.push(formatSystem('1С:Розница', report.onec, found));
  }
  if (report.bitrix24) {
    const f = report.bitrix24.found;
    const found: string[] = [];
    if (f) {
      found.push(`Портал: ${f.portal}`);
      if (f.user) found.push(`Пользователь вебхука: ${f.user.name} (id ${f.user.id}${f.user.isAdmin ? ', администратор' : ''})`);
      if (f.scopes.length) found.push(`Права: ${f.scopes.join(', ')}`);
      if (f.missingScopes.length) found.push(`Не хватает прав: ${f.missingScopes.join(', ')}`);
    }
    parts.push(formatSystem('Битрикс24', report.bitrix24, found));
  }
  return parts.join('\n\n');
}
