import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LexiconCategory } from '../lexicons/lexicons.api.ts';
import { highlightSegments } from './highlight.ts';
import type { TriageMatch } from './findings.api.ts';

/**
 * A text with its lexicon matches in `<mark>`, built from React text nodes only: the content was
 * written by whoever posted it and is hostile, so it is never parsed as markup
 * (no dangerouslySetInnerHTML anywhere). Each mark names its term(s) and category in a tooltip.
 */
export function HighlightedText({ text, matches, testId }: { text: string; matches: readonly TriageMatch[]; testId?: string }) {
  const { t } = useTranslation();
  const segments = useMemo(() => highlightSegments(text, matches), [text, matches]);
  const describe = (category: LexiconCategory) => t(`lexicons.categories.${category}`);
  return (
    <div className="finding-content" data-testid={testId}>
      {segments.map((segment) =>
        segment.matches ? (
          <mark
            key={segment.start}
            title={segment.matches.map((m) => t('findings.triage.markTitle', { term: m.term, category: describe(m.category), weight: m.weight })).join('\n')}
            data-overlap={segment.matches.length > 1 ? 'true' : undefined}
            data-testid="highlight-mark"
          >
            {segment.text}
          </mark>
        ) : (
          <Fragment key={segment.start}>{segment.text}</Fragment>
        ),
      )}
    </div>
  );
}
