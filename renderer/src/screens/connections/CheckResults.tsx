/** The result of «Проверить подключение»: one panel per system with status, message, hint, items and what was found. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { Bitrix24Found, OnecFound, SystemCheck } from '../../../../shared/checks';
import { StatusChip, StatusIcon } from '../../components/StatusChip';

const SYSTEM_TITLE = { onec: '1С:Розница', bitrix24: 'Битрикс24' } as const;

function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} мс`;
  return `${(ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} с`;
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1, py: 0.25 }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 190, flexShrink: 0 }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div" data-testid={testId} sx={{ wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </Box>
  );
}

function OnecFacts({ found }: { found: OnecFound }) {
  const configuration = [found.configurationName, found.configurationVersion].filter(Boolean).join(' ');
  return (
    <Box data-testid="check-onec-found">
      <Fact label="Адрес сервиса" testId="check-onec-service-url">
        {found.serviceUrl}
      </Fact>
      <Fact label="Конфигурация" testId="check-onec-configuration">
        {configuration || 'не удалось определить'}
      </Fact>
      <Fact label="Опубликовано наборов" testId="check-onec-entity-sets">
        {found.entitySetCount}
      </Fact>
      <Fact label="Не опубликованы" testId="check-onec-missing">
        {found.missingEntitySets.length === 0 ? (
          'все нужные наборы на месте'
        ) : (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {found.missingEntitySets.map((name) => (
              <Chip key={name} size="small" color="warning" variant="outlined" label={name} data-testid="check-onec-missing-set" />
            ))}
          </Box>
        )}
      </Fact>
    </Box>
  );
}

function Bitrix24Facts({ found }: { found: Bitrix24Found }) {
  // Empty lists both ways mean the check stopped before it could ask for the scopes.
  const scopesKnown = found.scopes.length > 0 || found.missingScopes.length > 0;
  return (
    <Box data-testid="check-bitrix24-found">
      <Fact label="Портал" testId="check-bitrix24-portal">
        {found.portal}
      </Fact>
      <Fact label="Пользователь интеграции" testId="check-bitrix24-user">
        {found.user ? `${found.user.name} (ID ${found.user.id})${found.user.isAdmin ? ', администратор' : ''}` : 'не удалось определить'}
      </Fact>
      <Fact label="Права (scope)" testId="check-bitrix24-scopes">
        {!scopesKnown ? 'не проверялись' : found.scopes.length ? found.scopes.join(', ') : 'нет'}
      </Fact>
      <Fact label="Не хватает прав" testId="check-bitrix24-missing-scopes">
        {!scopesKnown ? (
          '—'
        ) : found.missingScopes.length === 0 ? (
          'всех прав достаточно'
        ) : (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {found.missingScopes.map((scope) => (
              <Chip key={scope} size="small" color="warning" variant="outlined" label={scope} data-testid="check-bitrix24-missing-scope" />
            ))}
          </Box>
        )}
      </Fact>
    </Box>
  );
}

export function SystemResult({ check }: { check: SystemCheck<OnecFound> | SystemCheck<Bitrix24Found> }) {
  const id = `check-${check.system}`;
  const severity = check.status === 'ok' ? 'success' : check.status;
  return (
    <Card data-testid={id} data-status={check.status} data-code={check.code} sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1.5 }}>
          <Typography variant="h6" sx={{ flex: 1 }}>
            {SYSTEM_TITLE[check.system]}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            за {duration(check.durationMs)}
          </Typography>
          <StatusChip status={check.status} testId={`${id}-status`} />
        </Stack>
        <Alert severity={severity} icon={false} sx={{ mb: 1.5 }}>
          <Typography variant="body1" sx={{ fontWeight: 600 }} data-testid={`${id}-message`}>
            {check.message}
          </Typography>
          {check.hint && (
            <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-line' }} data-testid={`${id}-hint`}>
              {check.hint}
            </Typography>
          )}
        </Alert>
        {check.items.length > 0 && (
          <List dense disablePadding data-testid={`${id}-items`}>
            {check.items.map((item) => (
              <ListItem key={item.id} disableGutters alignItems="flex-start" data-testid={`${id}-item`} data-item-id={item.id} data-status={item.status}>
                <ListItemIcon sx={{ minWidth: 32, mt: 0.5 }}>
                  <StatusIcon status={item.status} />
                </ListItemIcon>
                <ListItemText
                  primary={item.title}
                  secondary={
                    <>
                      <span>{item.message}</span>
                      {item.hint && item.hint !== check.hint && (
                        <Box component="span" sx={{ display: 'block', fontStyle: 'italic', whiteSpace: 'pre-line' }}>
                          {item.hint}
                        </Box>
                      )}
                    </>
                  }
                  slotProps={{ primary: { variant: 'body2', sx: { fontWeight: 600 } }, secondary: { component: 'div' } }}
                />
              </ListItem>
            ))}
          </List>
        )}
        {check.found && (
          <>
            <Divider sx={{ my: 1.5 }} />
            <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
              Что найдено
            </Typography>
            {check.system === 'onec' ? <OnecFacts found={check.found as OnecFound} /> : <Bitrix24Facts found={check.found as Bitrix24Found} />}
          </>
        )}
      </CardContent>
    </Card>
  );
}
