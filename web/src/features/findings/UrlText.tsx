import type { MouseEvent } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// The copy button must not open the table row it sits in; a click on the text still does.
const keepCopyClick = (event: MouseEvent) => {
  if (event.target instanceof Element && event.target.closest('.ant-typography-copy')) event.stopPropagation();
};

/**
 * A finding's URL as plain text with a copy button — never a live link: the site is hostile and
 * is opened only in an isolated browser, by pasting. The copy button does not open the table row.
 */
export function UrlText({ url, full = false, testId }: { url: string; full?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="finding-url" onClick={keepCopyClick} title={url} data-testid={testId}>
      <Typography.Text className="mono-text" copyable={{ text: url, tooltips: [t('findings.copyUrl'), t('findings.copied')] }}>
        <span className={full ? 'finding-url-full' : 'finding-url-text'}>{url}</span>
      </Typography.Text>
    </span>
  );
}
