import { useEffect, useMemo } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Tooltip, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import {
  FINDING_LIMITS,
  TARGET_CATEGORIES,
  TARGET_KINDS,
  useFindingsList,
  usePlatforms,
  type FindingFilters,
  type TargetCategory,
  type TargetKind,
} from './findings.api.ts';
import { FindingsTable } from './FindingsTable.tsx';
import { dayAfterStartIso, dayStartIso, parseYmd, rocPickerFormat, ymd } from './period.ts';
import { platformName } from './platform-name.ts';
import './findings.css';

type InCaseChoice = 'all' | 'yes' | 'no';

interface FilterValues {
  platformId?: string;
  targetCategory?: TargetCategory;
  targetKind?: TargetKind;
  range?: [Dayjs | null, Dayjs | null] | null;
  inCase?: InCaseChoice;
  minScore?: number | null;
  q?: string;
}

/** The filters as they sit in the address bar (so "back" from a finding keeps them). */
interface UrlFilters {
  platformId?: string;
  targetCategory?: TargetCategory;
  targetKind?: TargetKind;
  from?: string;
  to?: string;
  inCase: InCaseChoice;
  minScore?: number;
  q?: string;
}

const isTargetCategory = (value: string | null): value is TargetCategory => (TARGET_CATEGORIES as readonly (string | null)[]).includes(value);
const isTargetKind = (value: string | null): value is TargetKind => (TARGET_KINDS as readonly (string | null)[]).includes(value);

function readUrlFilters(params: URLSearchParams): UrlFilters {
  const inCase = params.get('inCase');
  const minScore = Number(params.get('minScore'));
  const targetCategory = params.get('targetCategory');
  const targetKind = params.get('targetKind');
  return {
    platformId: params.get('platformId') || undefined,
    targetCategory: isTargetCategory(targetCategory) ? targetCategory : undefined,
    targetKind: isTargetKind(targetKind) ? targetKind : undefined,
    from: parseYmd(params.get('from')),
    to: parseYmd(params.get('to')),
    inCase: inCase === 'yes' || inCase === 'no' ? inCase : 'all',
    minScore: params.has('minScore') && Number.isInteger(minScore) && minScore >= 0 ? minScore : undefined,
    q: params.get('q')?.trim() || undefined,
  };
}

function toSearchParams(values: FilterValues): Record<string, string> {
  const [start, end] = values.range ?? [null, null];
  const out: Record<string, string> = {};
  if (values.platformId) out.platformId = values.platformId;
  if (values.targetCategory) out.targetCategory = values.targetCategory;
  if (values.targetKind) out.targetKind = values.targetKind;
  if (start) out.from = ymd(start);
  if (end) out.to = ymd(end);
  if (values.inCase && values.inCase !== 'all') out.inCase = values.inCase;
  if (typeof values.minScore === 'number') out.minScore = String(values.minScore);
  const q = values.q?.trim();
  if (q) out.q = q;
  return out;
}

/** Address-bar filters → API filters: picked days are Taipei calendar days on `seenAt`. */
function toApiFilters(f: UrlFilters): FindingFilters {
  return {
    platformId: f.platformId,
    targetCategory: f.targetCategory,
    targetKind: f.targetKind,
    from: f.from ? dayStartIso(f.from) : undefined,
    to: f.to ? dayAfterStartIso(f.to) : undefined,
    inCase: f.inCase === 'all' ? undefined : f.inCase === 'yes',
    minScore: f.minScore,
    q: f.q,
  };
}

function toFormValues(f: UrlFilters): FilterValues {
  return {
    platformId: f.platformId,
    targetCategory: f.targetCategory,
    targetKind: f.targetKind,
    range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
    inCase: f.inCase,
    minScore: f.minScore ?? null,
    q: f.q,
  };
}

/** 巡查發現: every finding the user may see, filtered, newest seen first, loaded page by page. */
export function FindingsListPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [searchParams, setSearchParams] = useSearchParams();
  const urlFilters = useMemo(() => readUrlFilters(searchParams), [searchParams]);
  const filters = useMemo(() => toApiFilters(urlFilters), [urlFilters]);
  // The address bar is the source of truth: back/forward and links put their filters in the form.
  useEffect(() => form.setFieldsValue(toFormValues(urlFilters)), [form, urlFilters]);
  const platforms = usePlatforms();
  const findings = useFindingsList(filters);
  const rows = useMemo(() => findings.data?.pages.flatMap((page) => page.items) ?? [], [findings.data]);

  const platformOptions = (platforms.data ?? []).map((p) => ({ value: p.id, label: platformName(p, i18n.resolvedLanguage) }));

  return (
    <Card
      title={<h1 className="page-title">{t('findings.list.title')}</h1>}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void findings.refetch()} />
        </Tooltip>
      }
    >
      <Form<FilterValues>
        form={form}
        layout="inline"
        className="filter-form finding-filters"
        initialValues={toFormValues(urlFilters)}
        onFinish={(values) => setSearchParams(toSearchParams(values))}
        data-testid="findings-filters"
      >
        <Form.Item name="q" label={t('findings.filters.q')}>
          <Input allowClear className="filter-input-wide" maxLength={FINDING_LIMITS.q} placeholder={t('findings.filters.qPlaceholder')} data-testid="findings-filter-q" />
        </Form.Item>
        <Form.Item name="platformId" label={t('findings.filters.platform')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="filter-select-wide"
            placeholder={t('common.all')}
            options={platformOptions}
            loading={platforms.isPending}
            data-testid="findings-filter-platform"
          />
        </Form.Item>
        <Form.Item name="targetCategory" label={t('findings.filters.targetCategory')}>
          <Select
            allowClear
            className="filter-select-wide"
            placeholder={t('common.all')}
            options={TARGET_CATEGORIES.map((c) => ({ value: c, label: t(`findings.targetCategories.${c}`) }))}
            data-testid="findings-filter-category"
          />
        </Form.Item>
        <Form.Item name="targetKind" label={t('findings.filters.targetKind')}>
          <Select
            allowClear
            className="filter-select-wide"
            placeholder={t('common.all')}
            options={TARGET_KINDS.map((k) => ({ value: k, label: t(`findings.targetKinds.${k}`) }))}
            data-testid="findings-filter-target-kind"
          />
        </Form.Item>
        <Form.Item name="range" label={t('findings.filters.seenAt')}>
          <DatePicker.RangePicker format={rocPickerFormat} allowEmpty={[true, true]} data-testid="findings-filter-range" />
        </Form.Item>
        <Form.Item name="inCase" label={t('findings.filters.inCase')}>
          <Select
            className="filter-select"
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'yes', label: t('findings.filters.inCaseYes') },
              { value: 'no', label: t('findings.filters.inCaseNo') },
            ]}
            data-testid="findings-filter-in-case"
          />
        </Form.Item>
        <Form.Item name="minScore" label={t('findings.filters.minScore')}>
          <InputNumber min={0} max={100_000} precision={0} className="filter-number" data-testid="findings-filter-min-score" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="findings-search">
              {t('common.search')}
            </Button>
            <Button onClick={() => setSearchParams({})} data-testid="findings-reset">
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>

      {findings.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, findings.error)} />}
      <FindingsTable
        rows={rows}
        loading={findings.isPending || (findings.isRefetching && !findings.isFetchingNextPage)}
        empty={t('findings.list.empty')}
        testId="findings-table"
      />
      <div className="load-more">
        <Typography.Text type="secondary">{t('common.loadedCount', { count: rows.length })}</Typography.Text>
        {findings.hasNextPage ? (
          <Button onClick={() => void findings.fetchNextPage()} loading={findings.isFetchingNextPage} data-testid="findings-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
