import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LexiconCategory } from './lexicons.api.ts';

const COLOR: Record<LexiconCategory, string> = {
  solicitation: 'red',
  price: 'gold',
  age: 'magenta',
  contact: 'blue',
  image_trade: 'volcano',
  live_stream: 'purple',
  custom: 'default',
};

/** A lexicon category as a coloured tag. */
export function LexiconCategoryTag({ category }: { category: LexiconCategory }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[category]}>{t(`lexicons.categories.${category}`)}</Tag>;
}
