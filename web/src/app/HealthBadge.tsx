import { Badge, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet } from '../lib/api.ts';

export interface Health {
  status: 'ok' | 'degraded';
  database: 'ok' | 'error';
  queue: 'ok' | 'error';
}

function isHealth(value: unknown): value is Health {
  return typeof value === 'object' && value !== null && 'status' in value && 'database' in value && 'queue' in value;
}

async function fetchHealth(): Promise<Health> {
  try {
    return await apiGet<Health>('/api/health', { ignoreSessionLoss: true });
  } catch (error) {
    // A degraded server may answer 503 with the same body.
    if (error instanceof ApiError && isHealth(error.body)) return error.body;
    throw error;
  }
}

/** A small status light for the footer, polled once a minute. */
export function HealthBadge() {
  const { t } = useTranslation();
  const health = useQuery({ queryKey: ['health'], queryFn: fetchHealth, refetchInterval: 60_000, retry: false });
  const part = (value: 'ok' | 'error') => (value === 'ok' ? t('health.componentOk') : t('health.componentError'));

  if (!health.data) {
    return <Badge status={health.isPending ? 'processing' : 'default'} text={health.isPending ? t('app.loading') : t('health.unknown')} />;
  }
  const { status, database, queue } = health.data;
  return (
    <Tooltip title={t('health.detail', { database: part(database), queue: part(queue) })}>
      <span data-testid="health-status">
        <Badge status={status === 'ok' ? 'success' : 'warning'} text={status === 'ok' ? t('health.ok') : t('health.degraded')} />
      </span>
    </Tooltip>
  );
}
