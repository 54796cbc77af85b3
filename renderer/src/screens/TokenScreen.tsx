/** Shown in a browser when the address has no access token, or the server refused it. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { LockIcon } from '../components/icons';

export function TokenScreen({ reason }: { reason: 'missing' | 'refused' }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 620 }} data-testid="token-required" data-reason={reason}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2 }}>
          <LockIcon color="primary" />
          <Typography variant="h5" component="h1">
            {reason === 'missing' ? 'Нужен ключ доступа' : 'Ключ доступа не подошёл'}
          </Typography>
        </Box>
        {reason === 'refused' && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            Программа обмена не приняла ключ из адреса. Возможно, её перезапустили — при каждом запуске ключ новый.
          </Alert>
        )}
        <Typography variant="body1" sx={{ mb: 1 }} data-testid="token-required-message">
          Откройте адрес, который напечатала команда запуска (с #token=…).
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Программа работает без графической оболочки, и её интерфейс открывается в браузере только по этому адресу — так никто
          другой на компьютере не сможет изменить настройки обмена.
        </Typography>
      </Paper>
    </Box>
  );
}
