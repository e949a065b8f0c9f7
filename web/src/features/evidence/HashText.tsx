import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shortHash } from './evidence-format.ts';

/**
 * A hash in monospace: shortened in tables (the full value in a tooltip) or in full, always with
 * a copy button that copies the full value.
 */
export function HashText({ value, full = false, testId }: { value: string; full?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const copyable = { text: value, tooltips: [t('evidence.copyHash'), t('evidence.copied')] };
  if (full) {
    return (
      <Typography.Text className="hash-text hash-text-full" copyable={copyable} data-testid={testId} data-hash={value}>
        {value}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text className="hash-text" copyable={copyable} data-testid={testId} data-hash={value}>
      <Tooltip title={<span className="hash-tooltip">{value}</span>}>
        <span className="hash-short">{shortHash(value)}</span>
      </Tooltip>
    </Typography.Text>
  );
}
