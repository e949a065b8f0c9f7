import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Art40Outcome, CibAssistance, NoticeKind } from './cases.api.ts';

const OUTCOME_COLOR: Record<Art40Outcome, string> = { art40: 'red', harmful: 'orange', not_target: 'green' };
const CIB_COLOR: Record<CibAssistance, string> = { none: 'default', requested: 'gold', accepted: 'blue', declined: 'default', closed: 'default' };

/** The signed-off outcome of the Art. 40 check (G6.3.1). */
export function Art40OutcomeTag({ outcome }: { outcome: Art40Outcome }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`cases.outcomeHints.${outcome}`)}>
      <Tag color={OUTCOME_COLOR[outcome]} data-testid="case-art40-outcome" data-outcome={outcome}>
        {t(`cases.outcomes.${outcome}`)}
      </Tag>
    </Tooltip>
  );
}

/** 重大（特殊）案件 (G4.1.3). */
export function SeriousTag() {
  const { t } = useTranslation();
  return (
    <Tag color="volcano" data-testid="case-serious-tag">
      {t('cases.serious.tag')}
    </Tag>
  );
}

/** The CIB assistance state (G4.1.3, G6.3.5). */
export function CibTag({ state }: { state: CibAssistance }) {
  const { t } = useTranslation();
  return (
    <Tag color={CIB_COLOR[state]} data-testid="case-cib-state" data-state={state}>
      {t(`cases.cib.states.${state}`)}
    </Tag>
  );
}

const NOTICE_COLOR: Record<NoticeKind, string> = { social_affairs: 'magenta', child_protection: 'red', fpo: 'purple', cib_request: 'blue' };

/** What a notice was (social affairs G4.2.2, child protection Act Art. 7, FPO G4.2.3, CIB). */
export function NoticeKindTag({ kind }: { kind: NoticeKind }) {
  const { t } = useTranslation();
  return <Tag color={NOTICE_COLOR[kind]}>{t(`cases.noticeKinds.${kind}`)}</Tag>;
}
