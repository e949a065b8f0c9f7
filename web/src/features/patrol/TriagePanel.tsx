import { useMemo } from 'react';
import { Alert, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/errors.ts';
import { useTriage, type ScoredText } from './patrol.api.ts';
import { highlightSegments } from './patrol-format.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

/** Colour of a triage score: nothing found, some signal, strong signal. */
export function scoreColor(score: number): string {
  if (score >= 8) return 'red';
  if (score >= 4) return 'orange';
  if (score > 0) return 'gold';
  return 'default';
}

/**
 * The scored text with the matched spans marked. Captured text is hostile: it is rendered only as
 * React text nodes inside <mark>, never as HTML.
 */
function HighlightedText({ scored }: { scored: ScoredText }) {
  const segments = useMemo(() => highlightSegments(scored.text, scored.matches), [scored]);
  return (
    <div className="patrol-triage-text" data-testid="triage-highlighted">
      {segments.map((segment) =>
        segment.terms ? (
          <mark key={segment.start} title={segment.terms.join('、')}>
            {segment.text}
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </div>
  );
}

/** Live keyword triage of the content text: score, terms found, the server's explanation and the marked text. */
export function TriagePanel({ text, enabled }: { text: string; enabled: boolean }) {
  const { t } = useTranslation();
  const triage = useTriage(text, enabled);
  if (!enabled || text.trim().length === 0) return null;

  if (triage.isError) {
    // No lexicon the user may read: the finding is still recorded, unscored.
    if (errorCode(triage.error) === 'NOT_FOUND') return <Alert className="block-gap" type="info" showIcon title={t('patrol.triage.noLexicon')} />;
    return <ApiErrorAlert error={triage.error} title={t('patrol.triage.failed')} testId="triage-error" />;
  }
  const scored = triage.data;
  if (!scored || scored.text !== text) {
    return (
      <div className="block-gap">
        <Spin size="small" /> <Typography.Text type="secondary">{t('patrol.triage.scoring')}</Typography.Text>
      </div>
    );
  }

  const terms = [...new Map(scored.matches.map((m) => [m.term, m])).values()];
  return (
    <div className="patrol-triage block-gap" data-testid="triage-panel">
      <Space size={8} wrap className="block-gap">
        <Typography.Text strong>{t('patrol.triage.score')}</Typography.Text>
        <Tag color={scoreColor(scored.score)} data-testid="triage-score" data-score={scored.score}>
          {scored.score}
        </Tag>
        {terms.length === 0 ? (
          <Typography.Text type="secondary">{t('patrol.triage.noMatch')}</Typography.Text>
        ) : (
          terms.map((m) => (
            <Tag key={m.term} data-testid="triage-term">
              {t('patrol.triage.term', { term: m.term, category: t(`patrol.triage.categories.${m.category}`) })}
            </Tag>
          ))
        )}
      </Space>
      {scored.matches.length > 0 && <HighlightedText scored={scored} />}
      <div className="patrol-triage-explanation-block">
        <Typography.Text type="secondary">{t('patrol.triage.explanation', { version: scored.version })}</Typography.Text>
        <pre className="patrol-triage-explanation" data-testid="triage-explanation">
          {scored.explanation}
        </pre>
      </div>
    </div>
  );
}
