/**
 * The PDQ index against brute force: random stored hashes, neighbours planted at distance 0, 31
 * and 32, eight query hashes at once, groups filtered, the unindexed tail, and the dihedral
 * hashes of a rotated or mirrored generated image finding the original.
 */
import { describe, expect, it } from 'vitest';
import { DIHEDRAL_ORDER } from './dihedral.ts';
import { hammingDistance } from './hamming.ts';
import { PdqIndex, pdqHexToWords, type PdqIndexHit } from './pdq-index.ts';
import { pdqHashWithDihedralsFromRgb } from './pdq-hasher.ts';
import { generatedImage, transformImage } from './test-support.ts';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHash(next: () => number): string {
  let hex = '';
  for (let w = 0; w < 8; w++) hex += Math.floor(next() * 2 ** 32).toString(16).padStart(8, '0');
  return hex;
}

/** `hex` with exactly `bits` distinct bits flipped. */
function flipBits(hex: string, bits: number, next: () => number): string {
  const words = pdqHexToWords(hex);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(next() * 256));
  for (const bit of chosen) words[bit >>> 5] = (words[bit >>> 5]! ^ (1 << (bit & 31))) >>> 0;
  return [...words].map((w) => w.toString(16).padStart(8, '0')).join('');
}

/** Brute force over plain strings with the library's own hammingDistance: the reference answer. */
function bruteForce(stored: readonly { hash: string; key: number; group: number }[], queries: readonly string[], maxDistance: number, acceptGroup?: (g: number) => boolean): PdqIndexHit[] {
  const hits: PdqIndexHit[] = [];
  for (const entry of stored) {
    if (acceptGroup && !acceptGroup(entry.group)) continue;
    let best = Infinity;
    let variant = -1;
    queries.forEach((query, q) => {
      const distance = hammingDistance(entry.hash, query);
      if (distance < best) {
        best = distance;
        variant = q;
      }
    });
    if (best <= maxDistance) hits.push({ key: entry.key, group: entry.group, distance: best, variant });
  }
  return hits;
}

const byKey = (hits: PdqIndexHit[]) => [...hits].sort((a, b) => a.key - b.key);

describe('PdqIndex', () => {
  it('finds exactly what brute force finds, at distance 0 and 31 but not 32', () => {
    const next = random(8);
    const index = new PdqIndex();
    const stored: { hash: string; key: number; group: number }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const entry = { hash: randomHash(next), key: i + 1, group: i % 3 };
      stored.push(entry);
      index.add(entry.hash, entry.key, entry.group);
    }
    const query = randomHash(next);
    const planted = [
      { hash: query, key: 900_001, group: 0 },
      { hash: flipBits(query, 31, next), key: 900_002, group: 1 },
      { hash: flipBits(query, 32, next), key: 900_003, group: 2 },
      { hash: flipBits(query, 16, next), key: 900_004, group: 1 },
    ];
    for (const entry of planted) {
      stored.push(entry);
      index.add(entry.hash, entry.key, entry.group);
    }
    index.rebuild();
    const hits = index.query([query], { maxDistance: 31 });
    expect(byKey(hits)).toEqual(byKey(bruteForce(stored, [query], 31)));
    expect(byKey(hits).map((h) => [h.key, h.distance])).toEqual([
      [900_001, 0],
      [900_002, 31],
      [900_004, 16],
    ]);
    expect(index.scan([query], { maxDistance: 31 })).toEqual(expect.arrayContaining(hits));
    // The neighbour at 32 comes in once the threshold allows it.
    expect(index.query([query], { maxDistance: 32 }).map((h) => h.key)).toContain(900_003);
  });

  it('answers eight query hashes at once, each stored hash once at its smallest distance', () => {
    const next = random(31);
    const index = new PdqIndex(16);
    const stored: { hash: string; key: number; group: number }[] = [];
    const queries = Array.from({ length: 8 }, () => randomHash(next));
    for (let i = 0; i < 5_000; i++) stored.push({ hash: randomHash(next), key: i, group: 0 });
    // Near neighbours of several queries at several distances, one of them close to two queries.
    queries.forEach((q, v) => stored.push({ hash: flipBits(q, (v * 5) % 32, next), key: 10_000 + v, group: 0 }));
    stored.push({ hash: queries[3]!, key: 20_000, group: 0 });
    for (const entry of stored) index.add(entry.hash, entry.key, entry.group);
    for (const maxDistance of [0, 10, 31, 40]) {
      expect(byKey(index.query(queries, { maxDistance })), `distance ${maxDistance}`).toEqual(byKey(bruteForce(stored, queries, maxDistance)));
    }
  });

  it('filters groups at query time and scans the unindexed tail', () => {
    const next = random(5);
    const index = new PdqIndex();
    const query = randomHash(next);
    for (let i = 0; i < 1_000; i++) index.add(randomHash(next), i, 0);
    index.rebuild();
    // Added after the rebuild: found through the tail until the next rebuild.
    index.add(flipBits(query, 3, next), 7_001, 1);
    index.add(flipBits(query, 4, next), 7_002, 2);
    expect(byKey(index.query([query], { maxDistance: 31 })).map((h) => h.key)).toEqual([7_001, 7_002]);
    expect(index.query([query], { maxDistance: 31, acceptGroup: (g) => g !== 2 }).map((h) => h.key)).toEqual([7_001]);
    // A long tail is folded into the tables by the query itself, with the same answer.
    for (let i = 0; i < PdqIndex.TAIL_LIMIT + 1; i++) index.add(randomHash(next), 100_000 + i, 0);
    expect(byKey(index.query([query], { maxDistance: 31 })).map((h) => h.key)).toEqual([7_001, 7_002]);
    expect(index.size).toBe(1_000 + 2 + PdqIndex.TAIL_LIMIT + 1);
  });

  it('agrees with brute force on clustered hashes (many near-duplicates share chunks)', () => {
    const next = random(77);
    const centres = Array.from({ length: 20 }, () => randomHash(next));
    const stored: { hash: string; key: number; group: number }[] = [];
    const index = new PdqIndex();
    for (let i = 0; i < 4_000; i++) {
      const entry = { hash: flipBits(centres[i % centres.length]!, Math.floor(next() * 60), next), key: i, group: 0 };
      stored.push(entry);
      index.add(entry.hash, entry.key);
    }
    const query = flipBits(centres[0]!, 10, next);
    expect(byKey(index.query([query], { maxDistance: 31 }))).toEqual(byKey(bruteForce(stored, [query], 31)));
    // Distances of 64 and more use the scan, and still agree.
    expect(byKey(index.query([query], { maxDistance: 70 }))).toEqual(byKey(bruteForce(stored, [query], 70)));
  });

  it('finds the original of a rotated or mirrored generated image from the copy\'s dihedral hashes', () => {
    // PDQ's box blur has an even window on a side of 480 (or 120) pixels, which shifts by half a
    // pixel, so a copy's derived hash is close to the original's, not equal: at 640×480 within
    // ~10 bits, at 160×120 up to ~32 — too near the threshold for a stable test.
    const original = generatedImage(640, 480);
    const stored = pdqHashWithDihedralsFromRgb(original.rgb, original.width, original.height);
    const next = random(12);
    const index = new PdqIndex();
    for (let i = 0; i < 2_000; i++) index.add(randomHash(next), i);
    index.add(stored.hash, 99_999);
    for (const transform of DIHEDRAL_ORDER) {
      const copy = transformImage(original, transform);
      const { dihedral } = pdqHashWithDihedralsFromRgb(copy.rgb, copy.width, copy.height);
      // The copy's own hash is far from the original's (except the identity)…
      if (transform !== 'original') expect(hammingDistance(dihedral.hashes[0], stored.hash), transform).toBeGreaterThan(31);
      // …but one of its eight dihedral hashes undoes the transform.
      const hits = index.query([...dihedral.hashes], { maxDistance: 31 });
      expect(hits.map((h) => h.key), transform).toEqual([99_999]);
      expect(hits[0]!.distance, transform).toBeLessThanOrEqual(31);
    }
  });

  it('refuses malformed hashes, keys and distances', () => {
    const index = new PdqIndex();
    expect(() => index.add('xyz', 1)).toThrow(TypeError);
    expect(() => index.add('0'.repeat(64), Number.NaN)).toThrow(TypeError);
    expect(() => index.query(['0'.repeat(64)], { maxDistance: -1 })).toThrow(RangeError);
    expect(index.query(['0'.repeat(64)], { maxDistance: 31 })).toEqual([]);
  });
});
