import { Alert, Button, Empty, Modal, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { useLexiconVersions, type LexiconSummary, type LexiconVersion } from './lexicons.api.ts';

/** 版本紀錄: every version of a list — when, by whom, why and how many entries. */
export function LexiconHistoryModal({ lexicon, onClose }: { lexicon: LexiconSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = useLexiconVersions(lexicon.id, true);
  const none = t('common.none');
  const columns: TableColumnsType<LexiconVersion> = [
    { title: t('lexicons.history.version'), dataIndex: 'version', width: 70, align: 'right' },
    { title: t('lexicons.history.createdAt'), dataIndex: 'createdAt', width: 140, render: (_, v) => formatRocDateTime(v.createdAt) },
    {
      title: t('lexicons.history.createdBy'),
      dataIndex: 'createdBy',
      width: 150,
      // The API gives the user's id only; the seed version has none.
      render: (_, v) =>
        v.createdBy ? (
          <Typography.Text className="mono-text" copyable={{ text: v.createdBy }} title={v.createdBy}>
            {v.createdBy.slice(0, 8)}
          </Typography.Text>
        ) : (
          t('lexicons.history.system')
        ),
    },
    { title: t('lexicons.history.note'), dataIndex: 'changeNote', ellipsis: true, render: (_, v) => v.changeNote ?? none },
    { title: t('lexicons.history.entryCount'), dataIndex: 'entryCount', width: 90, align: 'right' },
  ];
  return (
    <Modal
      open
      width={760}
      title={t('lexicons.history.title', { name: lexicon.name })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      {versions.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, versions.error)} />}
      <Table<LexiconVersion>
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={versions.data ?? []}
        loading={versions.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lexicons.history.empty')} /> }}
        data-testid="lexicon-history"
      />
    </Modal>
  );
}
