import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BoardArt40Outcome } from './board-filters.ts';
import type { Art40Outcome } from './board.api.ts';

// Art. 40 targets in red, harmful-only in orange, not a target in green; undecided stays grey.
const COLOR: Record<BoardArt40Outcome, string> = { art40: 'red', harmful: 'orange', not_target: 'green', pending: 'default' };

/** A case's Art. 40 outcome (G6.3.1) as a coloured tag; null reads "not yet decided". */
export function Art40OutcomeTag({ outcome }: { outcome: Art40Outcome | null }) {
  const { t } = useTranslation();
  const key: BoardArt40Outcome = outcome ?? 'pending';
  return (
    <Tag color={COLOR[key]} data-testid="board-art40" data-outcome={key}>
      {t(`board.art40Outcomes.${key}`)}
    </Tag>
  );
}
