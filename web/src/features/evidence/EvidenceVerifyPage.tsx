import { Alert, Button, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { verifyEvidence, type EvidenceVerification } from './evidence.api.ts';
import { HashText } from './HashText.tsx';
import './evidence.css';

type Failure = EvidenceVerification['failures'][number];

/**
 * 證據驗證 (auditors): the server re-hashes every sealed file and names each one that no longer
 * matches. Auditors verify seals; they never open evidence content, so nothing here links to it.
 */
export function EvidenceVerifyPage() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: verifyEvidence });
  const result = verify.data;

  const columns: TableColumnsType<Failure> = [
    { title: t('evidence.verify.columns.itemId'), dataIndex: 'itemId', width: 300, render: (_, f) => <Typography.Text className="evidence-mono" copyable>{f.itemId}</Typography.Text> },
    { title: t('evidence.verify.columns.name'), dataIndex: 'name', ellipsis: true },
    { title: t('evidence.verify.columns.sha256'), dataIndex: 'sha256', width: 220, render: (_, f) => <HashText value={f.sha256} /> },
    { title: t('evidence.verify.columns.problem'), dataIndex: 'problem', render: (_, f) => <Typography.Text type="danger">{f.problem}</Typography.Text> },
  ];

  return (
    <Card
      title={<h1 className="page-title">{t('evidence.verify.title')}</h1>}
      extra={
        <Button type="primary" icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="evidence-verify">
          {t('evidence.verify.run')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('evidence.verify.intro')}</Typography.Paragraph>
      {verify.isError && (
        <Alert className="block-gap" type="error" showIcon title={t('evidence.verify.failed')} description={errorText(t, verify.error)} />
      )}
      {result && (
        <Alert
          className="block-gap"
          showIcon
          type={result.ok ? 'success' : 'error'}
          data-testid="evidence-verify-result"
          title={
            result.ok
              ? t('evidence.verify.ok', { checked: result.checked })
              : t('evidence.verify.broken', { count: result.failures.length, checked: result.checked })
          }
        />
      )}
      {result && result.failures.length > 0 && (
        <Table<Failure>
          rowKey={(f) => `${f.itemId}/${f.name}`}
          size="small"
          columns={columns}
          dataSource={result.failures}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          data-testid="evidence-verify-failures"
        />
      )}
    </Card>
  );
}
