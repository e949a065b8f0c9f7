import { useMemo } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_KEYWORD_LENGTH, MAX_PATROL_KEYWORDS, MAX_PATROL_NOTES, PATROL_FOCUSES, useLexiconTerms, type PatrolFocus, type Platform } from './patrol.api.ts';
import { nameIn } from './patrol-format.ts';

/** The form values of a patrol plan (start form and the edit dialog). */
export interface PlanValues {
  platformIds: string[];
  keywords: string[];
  focuses?: PatrolFocus[];
  notes?: string;
}

/** Trimmed keywords, each once, in the order chosen. */
export function cleanKeywords(keywords: readonly string[] | undefined): string[] {
  return [...new Set((keywords ?? []).map((k) => k.trim()).filter((k) => k.length > 0))];
}

/**
 * Platforms, keywords, focus (G5.1's patrol targets) and notes of a patrol. Platforms offered are the active ones (plus any the
 * plan already holds); keywords offer the terms of every lexicon the user may read, and any other
 * word may be typed (Enter or a comma adds it).
 */
export function PlanFields({ platforms, chosen = [] }: { platforms: readonly Platform[]; chosen?: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const lexicon = useLexiconTerms();

  const platformOptions = useMemo(
    () =>
      platforms
        .filter((p) => p.active || chosen.includes(p.id))
        .map((p) => ({ value: p.id, label: nameIn(language, p) })),
    [platforms, chosen, language],
  );
  const keywordOptions = useMemo(
    () => lexicon.terms.map((entry) => ({ value: entry.term, label: entry.term, title: t(`patrol.triage.categories.${entry.category}`) })),
    [lexicon.terms, t],
  );

  return (
    <>
      <Form.Item
        name="platformIds"
        label={t('patrol.plan.platforms')}
        extra={t('patrol.plan.platformsHelp')}
        rules={[{ required: true, type: 'array', min: 1, message: t('patrol.plan.platformsRequired') }]}
      >
        <Select
          mode="multiple"
          allowClear
          options={platformOptions}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('patrol.plan.platformsPlaceholder')}
          data-testid="patrol-platforms"
        />
      </Form.Item>
      <Form.Item
        name="keywords"
        label={t('patrol.plan.keywords')}
        extra={t('patrol.plan.keywordsHelp', { max: MAX_PATROL_KEYWORDS })}
        rules={[
          {
            validator: (_, value: string[] | undefined) => {
              const keywords = cleanKeywords(value);
              if (keywords.length > MAX_PATROL_KEYWORDS) return Promise.reject(new Error(t('patrol.plan.tooManyKeywords', { max: MAX_PATROL_KEYWORDS })));
              const long = keywords.find((k) => k.length > MAX_KEYWORD_LENGTH);
              if (long) return Promise.reject(new Error(t('patrol.plan.keywordTooLong', { max: MAX_KEYWORD_LENGTH })));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Select
          mode="tags"
          allowClear
          options={keywordOptions}
          loading={lexicon.isPending}
          tokenSeparators={[',', '，', '、']}
          placeholder={t('patrol.plan.keywordsPlaceholder')}
          data-testid="patrol-keywords"
        />
      </Form.Item>
      <Form.Item name="focuses" label={t('patrol.plan.focuses')} extra={t('patrol.plan.focusesHelp')}>
        <Select
          mode="multiple"
          allowClear
          options={PATROL_FOCUSES.map((f) => ({ value: f, label: t(`patrol.focuses.${f}`) }))}
          placeholder={t('patrol.plan.focusesPlaceholder')}
          data-testid="patrol-focuses"
        />
      </Form.Item>
      <Form.Item name="notes" label={t('patrol.plan.notes')}>
        <Input.TextArea rows={2} maxLength={MAX_PATROL_NOTES} showCount data-testid="patrol-notes" />
      </Form.Item>
    </>
  );
}
