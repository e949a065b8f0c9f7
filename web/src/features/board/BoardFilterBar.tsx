import { useEffect, useMemo } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Select, Space, TreeSelect } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { buildUnitTree, unitTreeOptions } from '../admin-units/unit-tree.ts';
import { unitNameIn } from '../admin-units/unit-names.ts';
import { useUnits } from '../admin-units/units.api.ts';
import { CASE_STATUSES } from '../cases/cases.api.ts';
import { usePlatforms } from '../findings/findings.api.ts';
import { rocPickerFormat } from '../findings/period.ts';
import { platformName } from '../findings/platform-name.ts';
import { BOARD_ART40_OUTCOMES, BOARD_Q_MAX, fromFormValues, toFormValues, type BoardFilters, type BoardFormValues } from './board-filters.ts';

/**
 * The board's filter bar. The address bar is the source of truth: the form shows the filters of
 * the current address (back/forward, a saved view) and "search" writes a new one.
 */
export function BoardFilterBar({ filters, onSearch }: { filters: BoardFilters; onSearch: (filters: BoardFilters) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const [form] = Form.useForm<BoardFormValues>();
  const units = useUnits();
  const platforms = usePlatforms();
  const unitId = Form.useWatch('unitId', form);

  useEffect(() => form.setFieldsValue(toFormValues(filters)), [form, filters]);

  const unitOptions = useMemo(
    () => unitTreeOptions(buildUnitTree(units.data ?? []), (unit) => unitNameIn(language, unit), { allowInactive: true }),
    [units.data, language],
  );
  const platformOptions = (platforms.data ?? []).map((p) => ({ value: p.id, label: platformName(p, language) }));
  const yesNo = (yes: string, no: string) => [
    { value: 'yes', label: yes },
    { value: 'no', label: no },
  ];

  return (
    <Form<BoardFormValues>
      form={form}
      layout="inline"
      className="filter-form board-filters"
      initialValues={toFormValues(filters)}
      onFinish={(values) => onSearch(fromFormValues(values, { sort: filters.sort, order: filters.order }))}
      data-testid="board-filters"
    >
      <Form.Item name="q" label={t('board.filters.q')}>
        <Input allowClear className="board-search" maxLength={BOARD_Q_MAX} placeholder={t('board.filters.qPlaceholder')} data-testid="board-filter-q" />
      </Form.Item>
      <Form.Item name="unitId" label={t('board.filters.unit')}>
        <TreeSelect
          allowClear
          className="board-unit-select"
          treeData={unitOptions}
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('board.filters.unitPlaceholder')}
          loading={units.isPending}
          data-testid="board-filter-unit"
        />
      </Form.Item>
      {unitId && (
        <Form.Item name="includeSubunits" valuePropName="checked">
          <Checkbox data-testid="board-filter-subunits">{t('board.filters.includeSubunits')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item name="status" label={t('board.filters.status')}>
        <Select
          mode="multiple"
          allowClear
          className="board-multi-select"
          placeholder={t('common.all')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          data-testid="board-filter-status"
        />
      </Form.Item>
      <Form.Item name="platformId" label={t('board.filters.platform')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="board-select"
          placeholder={t('common.all')}
          options={platformOptions}
          loading={platforms.isPending}
          data-testid="board-filter-platform"
        />
      </Form.Item>
      <Form.Item name="art40Outcome" label={t('board.filters.art40')}>
        <Select
          mode="multiple"
          allowClear
          className="board-multi-select"
          placeholder={t('common.all')}
          options={BOARD_ART40_OUTCOMES.map((o) => ({ value: o, label: t(`board.art40Outcomes.${o}`) }))}
          data-testid="board-filter-art40"
        />
      </Form.Item>
      <Form.Item name="serious" label={t('board.filters.serious')}>
        <Select
          allowClear
          className="board-select"
          placeholder={t('common.all')}
          options={yesNo(t('board.filters.seriousYes'), t('board.filters.seriousNo'))}
          data-testid="board-filter-serious"
        />
      </Form.Item>
      <Form.Item name="overdue" label={t('board.filters.overdue')}>
        <Select
          allowClear
          className="board-select"
          placeholder={t('common.all')}
          options={yesNo(t('board.filters.overdueYes'), t('board.filters.overdueNo'))}
          data-testid="board-filter-overdue"
        />
      </Form.Item>
      <Form.Item name="range" label={t('board.filters.range')}>
        <DatePicker.RangePicker format={rocPickerFormat} allowEmpty={[true, true]} data-testid="board-filter-range" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="board-search">
            {t('common.search')}
          </Button>
          <Button onClick={() => onSearch({})} data-testid="board-reset">
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
