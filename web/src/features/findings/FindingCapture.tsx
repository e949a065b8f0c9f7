import { useEffect } from 'react';
import { Alert, Space, Tag, Typography } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { CAPTURE_POLL_MS, EVIDENCE_LIST_KEY, captureKey, getCapture, isCaptureDone, type CaptureStatus } from '../evidence/evidence.api.ts';
import { findingDetailKey } from './findings.api.ts';

const STATUS_COLOR: Record<CaptureStatus, string> = { queued: 'default', running: 'processing', sealed: 'success', failed: 'error' };

/**
 * The capture of a finding's page, followed until it is sealed or has failed. Once sealed the
 * finding is read again: the page's account and IP fill its empty fields and its page triage appears.
 */
export function FindingCapture({ findingId, captureId }: { findingId: string; captureId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const capture = useQuery({
    queryKey: captureKey(captureId),
    queryFn: ({ signal }) => getCapture(captureId, signal),
    refetchInterval: (query) => (isCaptureDone(query.state.data?.status) ? false : CAPTURE_POLL_MS),
  });

  const finalStatus = isCaptureDone(capture.data?.status) ? capture.data?.status : undefined;
  useEffect(() => {
    if (finalStatus !== 'sealed') return;
    void queryClient.invalidateQueries({ queryKey: findingDetailKey(findingId) });
    void queryClient.invalidateQueries({ queryKey: EVIDENCE_LIST_KEY });
  }, [finalStatus, findingId, queryClient]);

  if (capture.isError) return <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, capture.error)} />;
  const data = capture.data;
  const status: CaptureStatus = data?.status ?? 'queued';
  const busy = !isCaptureDone(status);
  return (
    <Alert
      className="block-gap"
      type={status === 'failed' ? 'error' : status === 'sealed' ? 'success' : 'info'}
      showIcon
      icon={busy ? <LoadingOutlined /> : undefined}
      data-testid="finding-capture"
      data-status={data?.status ?? ''}
      title={
        <Space size={8} wrap>
          <span>{t('findings.capture.progress')}</span>
          <Tag color={STATUS_COLOR[status]}>{t(`evidence.capture.statuses.${status}`)}</Tag>
          {data && data.attempts > 0 && <Typography.Text type="secondary">{t('evidence.capture.attempts', { count: data.attempts })}</Typography.Text>}
        </Space>
      }
      description={
        status === 'sealed' && data?.evidenceItemId ? (
          <Space orientation="vertical" size={2}>
            <span>{t('findings.capture.sealedHint')}</span>
            <Link to={`/evidence/${data.evidenceItemId}`} data-testid="finding-capture-open">
              {t('evidence.capture.openItem')}
            </Link>
          </Space>
        ) : status === 'failed' ? (
          data?.error ? t('evidence.capture.failedDetail', { error: data.error }) : undefined
        ) : (
          t('findings.capture.waitHint')
        )
      }
    />
  );
}
