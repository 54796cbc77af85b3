/** Сопоставление and Конфликты: their service's status(), shown honestly (not yet available, and why). */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ApiClient, FeatureStatus } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import { useResult } from '../api/context';
import { FeatureNotice } from '../components/FeatureNotice';
import { LoadState } from '../components/LoadState';
import { ScreenHeader } from '../components/ScreenHeader';

interface Props {
  id: string;
  title: string;
  subtitle: string;
  plans: string[];
  load: (api: ApiClient) => Promise<Result<FeatureStatus>>;
}

function FeatureScreen({ id, title, subtitle, plans, load }: Props) {
  const [status, reload] = useResult(load);
  return (
    <Box data-testid={`screen-${id}`}>
      <ScreenHeader title={title} subtitle={subtitle} />
      <LoadState state={status} retry={reload} testId={id}>
        {(value) => (
          <>
            <FeatureNotice status={value} testId={`${id}-status`} />
            <Typography variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
              Что будет на этом экране
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 3, color: 'text.secondary' }}>
              {plans.map((plan) => (
                <li key={plan}>
                  <Typography variant="body2">{plan}</Typography>
                </li>
              ))}
            </Box>
          </>
        )}
      </LoadState>
    </Box>
  );
}

export function MappingScreen() {
  return (
    <FeatureScreen
      id="mapping"
      title="Сопоставление"
      subtitle="Что и в какую сторону переносит обмен."
      load={(api) => api.mapping.status()}
      plans={[
        'Какие данные участвуют в обмене и в какую сторону: 1С → Битрикс24, Битрикс24 → 1С, в обе стороны.',
        'Сопоставление полей покупателей, номенклатуры и заказов.',
        'Таблица «Статус заказа ↔ Стадия сделки».',
        'Вид цены, вид дисконтной карты, значения по умолчанию для новых документов 1С (магазин, склад, организация).',
      ]}
    />
  );
}

export function ConflictsScreen() {
  return (
    <FeatureScreen
      id="conflicts"
      title="Конфликты"
      subtitle="Записи, в которых одно и то же поле изменили в обеих системах."
      load={(api) => api.conflicts.status()}
      plans={[
        'Обе версии записи рядом, поле за полем.',
        'Выбор значения из 1С или из Битрикс24 либо ручная правка.',
        'Применение решения к нескольким конфликтам сразу.',
      ]}
    />
  );
}
