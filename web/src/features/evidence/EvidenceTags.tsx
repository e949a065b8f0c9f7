import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvidenceKind } from './evidence.api.ts';

const KIND_COLOR: Record<EvidenceKind, string> = {
  web_capture: 'geekblue',
  upload: 'green',
  chat_record: 'purple',
  derived: 'default',
};

/** The kind of an evidence item as a coloured tag. */
export function KindTag({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLOR[kind]}>{t(`evidence.kinds.${kind}`)}</Tag>;
}

/** 限時/閱後即焚: content that may disappear soon. */
export function EphemeralTag() {
  const { t } = useTranslation();
  return (
    <Tag color="orange" data-testid="evidence-ephemeral">
      {t('evidence.ephemeral')}
    </Tag>
  );
}
