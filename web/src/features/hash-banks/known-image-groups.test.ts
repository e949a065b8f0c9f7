import { describe, expect, it } from 'vitest';
import { matchedImagePreviewUrl, type ImageMatch, type MatchedImage } from './hash-banks.api.ts';
import { groupByImage } from './known-image-groups.ts';

const image = (id: number, source: MatchedImage['source'] = 'upload'): MatchedImage => ({
  id,
  evidenceItemId: 'e1',
  source,
  fileName: source === 'warc_record' ? 'capture.warc.gz' : 'photo 1.png',
  targetUri: null,
  mediaType: 'image/png',
  width: 10,
  height: 10,
  sha256: 'a'.repeat(64),
  md5: 'b'.repeat(32),
  pdq: 'c'.repeat(64),
  pdqQuality: 100,
  previewable: true,
});

const match = (id: string, img: MatchedImage): ImageMatch => ({ id, kind: 'bank', method: 'md5', distance: 0, dihedral: null, matchedAt: '2025-07-08T00:00:00.000Z', image: img, bank: null, evidence: null });

describe('known-image matches in the UI', () => {
  it('groups visible and withheld matches under the user\'s own image', () => {
    const one = image(1);
    const two = image(2);
    const groups = groupByImage([match('m1', one), match('m2', one)], [
      { image: two, count: 2 },
      { image: one, count: 1 },
    ]);
    expect(groups.map((g) => [g.image.id, g.matches.map((m) => m.id), g.hidden])).toEqual([
      [1, ['m1', 'm2'], 1],
      [2, [], 2],
    ]);
  });

  it('previews a file through the evidence preview and a WARC image through its cut-out, always blurred', () => {
    expect(matchedImagePreviewUrl(image(1))).toBe('/api/evidence/e1/files/photo%201.png/content?mode=preview');
    expect(matchedImagePreviewUrl(image(7, 'warc_record'))).toBe('/api/evidence/e1/images/7/preview');
  });
});
