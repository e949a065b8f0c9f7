import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { taipeiWallClockIso } from '../evidence/evidence-format.ts';
import { ApiErrorAlert, serverDetail } from './ApiErrorAlert.tsx';
import {
  MAX_CONTENT_TEXT,
  PATROL_FOCUSES,
  TARGET_CATEGORIES,
  useRecordFinding,
  useUrlLookup,
  type KnownElsewhere,
  type PatrolFocus,
  type Platform,
  type RecordFindingResult,
  type TargetCategory,
  type UrlLookup,
} from './patrol.api.ts';
import { nameIn, taipeiWallClock } from './patrol-format.ts';
import { TriagePanel } from './TriagePanel.tsx';
import { useDebouncedValue } from './use-debounced-value.ts';

interface FindingValues {
  url: string;
  platformId?: string;
  accountName?: string;
  accountId?: string;
  posterIp?: string;
  postedAt?: Dayjs | null;
  seenAt?: Dayjs | null;
  ephemeral: boolean;
  targetCategory: TargetCategory;
  targetKind?: PatrolFocus;
  contentText?: string;
  notes?: string;
}

/** Typing and pasting settle for this long before the URL is looked up and the text scored. */
const DEBOUNCE_MS = 300;

// Picker values are Taipei wall-clock times, shown in the ROC calendar like everywhere else.
const taipeiIso = (value: Dayjs): string => taipeiWallClockIso(value.format('YYYY-MM-DDTHH:mm'));
const rocDateTimeFormat = (value: Dayjs): string => formatRocDateTime(taipeiIso(value));
/** "Now" as a picker value: Taipei's wall clock, whatever the browser's own time zone is. */
const pickerNow = (): Dayjs => dayjs(taipeiWallClock());
const isFutureDay = (day: Dayjs): boolean => day.isAfter(pickerNow(), 'day');

const trimmed = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

/** 已登錄過: who already holds this URL, in as much detail as the officer may see. */
function KnownUrlAlert({ known }: { known: readonly KnownElsewhere[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const ordered = [...known].sort((a, b) => Number(b.visible) - Number(a.visible));
  return (
    <Alert
      className="patrol-known-alert block-top-gap"
      type="warning"
      showIcon
      data-testid="finding-known"
      title={t('patrol.finding.known.title', { count: known.length })}
      description={
        <>
          <ul className="patrol-known-list">
            {ordered.map((entry, index) => {
              const unit = nameIn(language, entry.unit);
              if (!entry.visible) {
                return (
                  <li key={`hidden-${index}`} data-testid="finding-known-hidden">
                    {t('patrol.finding.known.hidden', { unit })}
                  </li>
                );
              }
              return (
                <li key={entry.findingId ?? index} data-testid="finding-known-visible">
                  {t('patrol.finding.known.visible', { unit, seenAt: formatRocDateTime(entry.seenAt) })}{' '}
                  {entry.findingId && (
                    <Link to={`/findings/${entry.findingId}`} data-testid="finding-known-open">
                      {t('patrol.finding.known.open')}
                    </Link>
                  )}
                  {entry.caseNumber && (
                    <>
                      {' '}
                      {entry.caseId ? (
                        <Link to={`/cases/${entry.caseId}`} data-testid="finding-known-case">
                          {t('patrol.finding.known.inCase', { caseNumber: entry.caseNumber })}
                        </Link>
                      ) : (
                        t('patrol.finding.known.inCase', { caseNumber: entry.caseNumber })
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <Typography.Text type="secondary">{t('patrol.finding.known.hint')}</Typography.Text>
        </>
      }
    />
  );
}

/** The outcome of the last submission: a new finding, or a sighting added to one already held. */
function RecordedAlert({ result, onClose }: { result: RecordFindingResult; onClose: () => void }) {
  const { t } = useTranslation();
  const created = result.outcome === 'created';
  return (
    <Alert
      className="block-gap"
      type={created ? 'success' : 'info'}
      showIcon
      closable={{ onClose }}
      data-testid="finding-result"
      data-outcome={result.outcome}
      title={created ? t('patrol.finding.created') : t('patrol.finding.sightingAdded')}
      description={
        <Space size={8} wrap>
          <Typography.Text className="patrol-mono" ellipsis>
            {result.finding.canonicalUrl}
          </Typography.Text>
          <Link to={`/findings/${result.finding.id}`} data-testid="finding-result-open">
            {t('patrol.finding.openFinding')}
          </Link>
        </Space>
      }
    />
  );
}

/** Canonical URL and platform of what was typed, or why the URL is refused. */
function LookupSummary({ lookup }: { lookup: UrlLookup }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  return (
    <div className="patrol-lookup" data-testid="finding-lookup">
      <Space size={8} wrap>
        <Typography.Text type="secondary">{t('patrol.finding.canonicalUrl')}</Typography.Text>
        <Typography.Text className="patrol-mono" data-testid="finding-canonical-url">
          {lookup.canonicalUrl}
        </Typography.Text>
      </Space>
      <div>
        <Space size={8} wrap>
          <Typography.Text type="secondary">{t('patrol.finding.platform')}</Typography.Text>
          {lookup.platform ? (
            <Tag color="blue" data-testid="finding-platform-resolved">
              {nameIn(language, lookup.platform)}
            </Tag>
          ) : (
            <Typography.Text type="warning">{t('patrol.finding.platformUnknown', { host: lookup.host })}</Typography.Text>
          )}
        </Space>
      </div>
    </div>
  );
}

/**
 * 快速登錄發現: the form an officer keeps open while patrolling. The URL is looked up as it is
 * pasted (canonical form, platform, whether the department already holds it) and the content text
 * is scored as it is typed; after each submission the form is cleared for the next one.
 */
export function FindingQuickForm({ patrolId, platforms }: { patrolId?: string; platforms: readonly Platform[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const [form] = Form.useForm<FindingValues>();
  const urlInput = useRef<InputRef>(null);
  const previousUrl = useRef('');
  const [result, setResult] = useState<RecordFindingResult | null>(null);
  const record = useRecordFinding();

  const url = (Form.useWatch('url', form) ?? '').trim();
  const lookupUrl = useDebouncedValue(url, DEBOUNCE_MS);
  const lookup = useUrlLookup(lookupUrl);
  // While the officer is still typing, the previous answer belongs to another URL: show none.
  const lookupFresh = url.length > 0 && url === lookupUrl;
  const lookupData = lookupFresh ? lookup.data : undefined;
  const lookupError = lookupFresh && lookup.isError ? lookup.error : null;
  const needsPlatform = lookupData !== undefined && lookupData.platform === null;

  const text: string = Form.useWatch('contentText', form) ?? '';
  const textTooLong = text.length > MAX_CONTENT_TEXT;
  const scoredText = useDebouncedValue(text, DEBOUNCE_MS);

  const platformOptions = useMemo(
    () => platforms.filter((p) => p.active).map((p) => ({ value: p.id, label: nameIn(language, p) })),
    [platforms, language],
  );
  const categoryOptions = TARGET_CATEGORIES.map((c) => ({ value: c, label: t(`patrol.categories.${c}`) }));

  const submit = (values: FindingValues) => {
    if (textTooLong) return;
    setResult(null);
    record.mutate(
      {
        url: values.url.trim(),
        platformId: needsPlatform ? values.platformId : undefined,
        patrolSessionId: patrolId,
        accountName: trimmed(values.accountName),
        accountId: trimmed(values.accountId),
        posterIp: trimmed(values.posterIp),
        contentText: values.contentText?.trim() ? values.contentText : undefined,
        postedAt: values.postedAt ? taipeiIso(values.postedAt) : undefined,
        seenAt: values.seenAt ? taipeiIso(values.seenAt) : undefined,
        ephemeral: values.ephemeral,
        targetCategory: values.targetCategory,
        targetKind: values.targetKind ?? undefined,
        notes: trimmed(values.notes),
      },
      {
        onSuccess: (answer) => {
          setResult(answer);
          form.resetFields();
          form.setFieldsValue({ seenAt: pickerNow() });
          previousUrl.current = '';
          urlInput.current?.focus();
        },
      },
    );
  };

  return (
    <div data-testid="finding-quick-form">
      {result && <RecordedAlert result={result} onClose={() => setResult(null)} />}
      {record.isError && <ApiErrorAlert error={record.error} title={t('patrol.finding.refused')} testId="finding-error" onClose={() => record.reset()} />}
      <Form<FindingValues>
        form={form}
        name="patrol-finding"
        layout="vertical"
        initialValues={{ ephemeral: false, targetCategory: 'unassessed', seenAt: pickerNow() }}
        disabled={record.isPending}
        onValuesChange={(changed: Partial<FindingValues>) => {
          if (record.isError) record.reset();
          if ('url' in changed) {
            const next = (changed.url ?? '').trim();
            // A new finding begins: "seen at" is now, unless the officer has set it by hand.
            if (previousUrl.current === '' && next !== '' && !form.isFieldTouched('seenAt')) form.setFieldsValue({ seenAt: pickerNow() });
            previousUrl.current = next;
          }
        }}
        onFinish={submit}
      >
        <Form.Item
          name="url"
          label={t('patrol.finding.url')}
          rules={[{ required: true, whitespace: true, message: t('patrol.finding.urlRequired') }]}
          validateStatus={lookupError ? 'error' : undefined}
          help={
            lookupError ? (
              <span data-testid="finding-url-error">
                {errorText(t, lookupError)}
                {serverDetail(lookupError) ? ` ${t('patrol.serverDetail', { detail: serverDetail(lookupError) })}` : ''}
              </span>
            ) : undefined
          }
        >
          <Input
            ref={urlInput}
            autoFocus
            maxLength={4096}
            inputMode="url"
            autoComplete="off"
            placeholder="https://"
            prefix={<GlobalOutlined />}
            allowClear
            data-testid="finding-url"
          />
        </Form.Item>
        {lookupData && <LookupSummary lookup={lookupData} />}
        {lookupData && lookupData.known.length > 0 && <KnownUrlAlert known={lookupData.known} />}
        {needsPlatform && (
          <Form.Item
            className="block-top-gap"
            name="platformId"
            label={t('patrol.finding.platformChoose')}
            extra={t('patrol.finding.platformChooseHelp')}
            rules={[{ required: true, message: t('patrol.finding.platformRequired') }]}
          >
            <Select options={platformOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="finding-platform" />
          </Form.Item>
        )}

        <Row gutter={16} className="block-top-gap">
          <Col xs={24} md={8}>
            <Form.Item name="accountName" label={t('patrol.finding.accountName')}>
              <Input maxLength={200} autoComplete="off" data-testid="finding-account-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="accountId" label={t('patrol.finding.accountId')}>
              <Input maxLength={200} autoComplete="off" data-testid="finding-account-id" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="posterIp" label={t('patrol.finding.posterIp')} extra={t('patrol.finding.posterIpHelp')}>
              <Input maxLength={100} autoComplete="off" className="patrol-mono" data-testid="finding-poster-ip" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="postedAt" label={t('patrol.finding.postedAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={rocDateTimeFormat} disabledDate={isFutureDay} className="patrol-picker" data-testid="finding-posted-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="seenAt" label={t('patrol.finding.seenAt')} extra={t('patrol.finding.seenAtHelp')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={rocDateTimeFormat} disabledDate={isFutureDay} className="patrol-picker" data-testid="finding-seen-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="ephemeral" label={t('patrol.finding.ephemeral')} valuePropName="checked" extra={t('patrol.finding.ephemeralHelp')}>
              <Switch data-testid="finding-ephemeral" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="targetCategory" label={t('patrol.finding.targetCategory')} extra={t('patrol.finding.targetCategoryHelp')}>
              <Select options={categoryOptions} data-testid="finding-category" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="targetKind" label={t('patrol.finding.targetKind')} extra={t('patrol.finding.targetKindHelp')}>
              <Select
                allowClear
                options={PATROL_FOCUSES.map((f) => ({ value: f, label: t(`patrol.focuses.${f}`) }))}
                placeholder={t('patrol.finding.targetKindPlaceholder')}
                data-testid="finding-target-kind"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="contentText"
          label={t('patrol.finding.contentText')}
          extra={t('patrol.finding.contentTextHelp', { max: MAX_CONTENT_TEXT.toLocaleString() })}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value ?? '').length > MAX_CONTENT_TEXT
                  ? Promise.reject(new Error(t('patrol.finding.contentTooLong', { max: MAX_CONTENT_TEXT.toLocaleString(), length: (value ?? '').length.toLocaleString() })))
                  : Promise.resolve(),
            },
          ]}
        >
          {/* No maxLength: a long paste must be refused with a message, never cut silently. */}
          <Input.TextArea rows={4} count={{ show: true, max: MAX_CONTENT_TEXT }} data-testid="finding-content" />
        </Form.Item>
        <TriagePanel text={scoredText} enabled={!textTooLong && scoredText.length <= MAX_CONTENT_TEXT} />
        <Form.Item name="notes" label={t('patrol.finding.notes')}>
          <Input.TextArea rows={2} maxLength={5000} data-testid="finding-notes" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={record.isPending} disabled={textTooLong} data-testid="finding-submit">
              {t('patrol.finding.submit')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ seenAt: pickerNow() });
                previousUrl.current = '';
                record.reset();
                urlInput.current?.focus();
              }}
            >
              {t('patrol.finding.clear')}
            </Button>
            {!patrolId && <Typography.Text type="secondary">{t('patrol.finding.noPatrol')}</Typography.Text>}
          </Space>
        </Form.Item>
      </Form>
    </div>
  );
}
