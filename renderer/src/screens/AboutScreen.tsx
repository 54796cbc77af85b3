/** О программе: version, mode, data folder, where secrets are kept. */
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AppInfo } from '../../../shared/api';
import { useResult } from '../api/context';
import { LoadState } from '../components/LoadState';
import { ScreenHeader } from '../components/ScreenHeader';
import { SECRET_STORAGE_TEXT } from './ConnectionsScreen';

export const MODE_TEXT: Record<AppInfo['mode'], string> = {
  electron: 'настольное приложение',
  headless: 'без графической оболочки (интерфейс в браузере)',
};

export function AboutScreen() {
  const [info, reload] = useResult((api) => api.settings.info());
  return (
    <Box data-testid="screen-about">
      <ScreenHeader title="О программе" />
      <LoadState state={info} retry={reload} testId="about">
        {(value) => (
          <Card>
            <CardContent>
              <Typography variant="h6" sx={{ mb: 1 }}>
                {value.name}
              </Typography>
              <Table size="small">
                <TableBody>
                  {[
                    ['Версия', value.version, 'about-version'],
                    ['Режим работы', MODE_TEXT[value.mode], 'about-mode'],
                    ['Папка данных', value.dataDir, 'about-data-dir'],
                    ['Пароли и ключи', SECRET_STORAGE_TEXT[value.secretStorage], 'about-secret-storage'],
                  ].map(([label, text, testId]) => (
                    <TableRow key={testId}>
                      <TableCell sx={{ width: 200, color: 'text.secondary' }}>{label}</TableCell>
                      <TableCell data-testid={testId} sx={{ wordBreak: 'break-all' }}>
                        {text}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
                Обмен данными между 1С:Розница 2.3 (стандартный интерфейс OData) и Битрикс24 (REST API): покупатели, номенклатура,
                заказы и оплаты.
              </Typography>
            </CardContent>
          </Card>
        )}
      </LoadState>
    </Box>
  );
}
