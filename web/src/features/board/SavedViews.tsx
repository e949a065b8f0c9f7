import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { testIdProps } from '../findings/test-id.ts';
import { normalizeFilters, sameFilters, type BoardFilters } from './board-filters.ts';
import { VIEW_NAME_MAX, useBoardViews } from './board.api.ts';

/** Names a new view for the current filters. */
function SaveViewModal({ filters, onClose }: { filters: BoardFilters; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const { save } = useBoardViews();
  return (
    <Modal
      open
      title={t('board.views.saveTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('board-view-save-ok')}
      destroyOnHidden
    >
      {save.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, save.error)} data-testid="board-view-save-error" />}
      <Form<{ name: string }>
        form={form}
        layout="vertical"
        name="board-view"
        disabled={save.isPending}
        onFinish={({ name }) =>
          save.mutate(
            { name, filters },
            {
              onSuccess: (view) => {
                void message.success(t('board.views.saved', { name: view.name }));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="name" label={t('board.views.name')} rules={[{ required: true, whitespace: true, message: t('board.views.nameRequired') }]}>
          <Input autoFocus maxLength={VIEW_NAME_MAX} showCount placeholder={t('board.views.namePlaceholder')} data-testid="board-view-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 常用檢視: the user's saved filter sets. Picking one puts its filters in the address; the view
 * whose filters are the current ones shows as chosen (so it survives a reload) and may be deleted.
 */
export function SavedViews({ filters, onPick }: { filters: BoardFilters; onPick: (filters: BoardFilters) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { views, remove } = useBoardViews();
  const [saving, setSaving] = useState(false);
  const current = views.data?.find((view) => sameFilters(view.filters, filters));

  return (
    <div className="board-views">
      <Space wrap>
        <Typography.Text>{t('board.views.label')}</Typography.Text>
        <Select
          className="board-view-select"
          placeholder={t('board.views.placeholder')}
          value={current?.id}
          loading={views.isPending}
          options={(views.data ?? []).map((view) => ({ value: view.id, label: view.name }))}
          onChange={(id: string) => {
            const view = views.data?.find((v) => v.id === id);
            if (view) onPick(normalizeFilters(view.filters));
          }}
          data-testid="board-view-select"
        />
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="board-view-save">
          {t('board.views.save')}
        </Button>
        <Popconfirm
          title={t('board.views.deleteConfirm', { name: current?.name ?? '' })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, loading: remove.isPending, ...testIdProps('board-view-delete-ok') }}
          disabled={!current}
          onConfirm={() =>
            current &&
            remove.mutateAsync(current.id).then(
              () => void message.success(t('board.views.deleted')),
              (error: unknown) => void message.error(errorText(t, error)),
            )
          }
        >
          <Button danger icon={<DeleteOutlined />} disabled={!current} data-testid="board-view-delete">
            {t('board.views.delete')}
          </Button>
        </Popconfirm>
      </Space>
      {views.isError && <Alert className="block-top-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, views.error)} />}
      {saving && <SaveViewModal filters={filters} onClose={() => setSaving(false)} />}
    </div>
  );
}
