import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './cases.api.ts';

const COLOR: Record<CaseStatus, string> = { open: 'blue', assessed: 'cyan', investigating: 'orange', transferred: 'purple', closed: 'default' };

/** A case's status as a coloured tag (`case-status` unless the page holds it twice). */
export function CaseStatusTag({ status, testId = 'case-status' }: { status: CaseStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid={testId} data-status={status}>
      {t(`cases.statuses.${status}`)}
    </Tag>
  );
}
