import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetCategory } from './findings.api.ts';

// The Art. 40 targets (Art. 2 ¶1 subparagraphs 1–3) in reds, harmful-only in orange.
const COLOR: Record<TargetCategory, string> = {
  unassessed: 'default',
  art2_1_1: 'red',
  art2_1_2: 'volcano',
  art2_1_3: 'magenta',
  harmful: 'orange',
  not_target: 'green',
};

/** A finding's target category as a coloured tag, its legal wording in a tooltip. */
export function TargetCategoryTag({ category }: { category: TargetCategory }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`findings.targetCategoryHints.${category}`)}>
      <Tag color={COLOR[category]} data-testid="target-category-tag" data-category={category}>
        {t(`findings.targetCategories.${category}`)}
      </Tag>
    </Tooltip>
  );
}
