import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from './cases.api.ts';

const COLOR: Record<CaseStatus, string> = { open: 'blue', assessed: 'cyan', investigating: 'orange', transferred: 'purple', closed: 'default' };

/** A case's status as a coloured tag. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="case-status">
      {t(`cases.statuses.${status}`)}
    </Tag>
  );
}
