import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutreachKind } from './outreach.api.ts';

/** One colour per kind, the same in the list and the calendar. */
export const KIND_COLOURS: Record<OutreachKind, string> = {
  school_talk: 'blue',
  online_post: 'cyan',
  media_interview: 'purple',
  radio_programme: 'gold',
  press_release: 'geekblue',
  special_day_event: 'magenta',
};

export function KindTag({ kind }: { kind: OutreachKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLOURS[kind]} data-testid="outreach-kind" data-kind={kind}>
      {t(`outreach.kinds.${kind}`)}
    </Tag>
  );
}
