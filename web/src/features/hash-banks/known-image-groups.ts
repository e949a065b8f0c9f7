import type { ImageMatch, MatchedImage } from './hash-banks.api.ts';

/** One of the user's own images with what it matched: visible matches, and a count of withheld ones. */
export type ImageGroup = { image: MatchedImage; matches: ImageMatch[]; hidden: number };

/** Matches grouped by the user's own image, in the order the server listed them (visible first, then withheld). */
export function groupByImage(matches: readonly ImageMatch[], hidden: readonly { image: MatchedImage; count: number }[]): ImageGroup[] {
  const groups = new Map<number, ImageGroup>();
  const groupOf = (image: MatchedImage) => {
    let group = groups.get(image.id);
    if (!group) {
      group = { image, matches: [], hidden: 0 };
      groups.set(image.id, group);
    }
    return group;
  };
  for (const match of matches) groupOf(match.image).matches.push(match);
  for (const entry of hidden) groupOf(entry.image).hidden += entry.count;
  return [...groups.values()];
}
