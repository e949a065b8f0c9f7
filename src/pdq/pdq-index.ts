/**
 * An in-memory index of PDQ hashes answering "every stored hash within distance d of any of these
 * query hashes" (issue #8: one query carries the eight dihedral hashes of a new image).
 *
 * Multi-index hashing (Norouzi, Punjani and Fleet, "Fast search in Hamming space with multi-index
 * hashing", CVPR 2012): the 256 bits are cut into 16 chunks of 16 bits, and each chunk has its own
 * direct-addressed table (65,536 buckets, stored as offsets + member rows). Pigeonhole: if two
 * hashes differ in at most d bits, the 16 chunk distances add up to at most d, so at least one
 * chunk differs in at most ⌊d/16⌋ bits. For PDQ's match rule d = 31 that is ⌊31/16⌋ = 1: probing,
 * in every chunk table, the query's own chunk value and its 16 one-bit neighbours (17 buckets × 16
 * chunks = 272 buckets per query hash) finds every match, with no false negatives. Candidates are
 * then checked with an exact popcount distance over all eight words.
 *
 * Why 16 × 16 and not another split: with 32 chunks of 8 bits the pigeonhole radius is 0 but each
 * bucket holds N/256 hashes (≈ 4,000 per bucket at a million), so candidates swamp the scan; with
 * 8 chunks of 32 bits the radius is 3 and each chunk needs 5,489 probes into sparse hash maps. 16
 * bits make the tables plain arrays and the buckets small (≈ 15 hashes at a million, uniformly).
 *
 * Inserts go to an unindexed tail that queries scan linearly; the tables are rebuilt (a counting
 * sort per chunk) when the tail grows past {@link PdqIndex.TAIL_LIMIT}, so bulk loads rebuild once.
 * Nothing is ever removed: callers filter by `group` (e.g. a disabled hash bank) at query time.
 *
 * Memory per stored hash: 32 bytes of hash, 8 of key, 4 of group, 8 of per-query bookkeeping and
 * 16 × 4 of chunk-table membership: ≈ 116 bytes, ≈ 115 MB for a million. Pure: no database, no I/O.
 */
import { isPdqHash } from './hamming.ts';

const WORDS = 8;
const CHUNKS = 16;
const BUCKETS = 1 << 16;

/** One stored hash within the query distance. */
export type PdqIndexHit = {
  /** The caller's key of the stored hash (e.g. a database row id). */
  key: number;
  /** The caller's group of the stored hash (e.g. the hash bank it came from). */
  group: number;
  /** The smallest distance between the stored hash and any of the query hashes. */
  distance: number;
  /** Position, in the query's list, of the hash at that smallest distance (the first on a tie). */
  variant: number;
};

export type PdqQueryOptions = {
  /** Largest Hamming distance that counts (PDQ's match rule is 31). */
  maxDistance: number;
  /** Skips stored hashes whose group is refused (checked before any distance is computed). */
  acceptGroup?: (group: number) => boolean;
};

/** The 64 hex digits of a PDQ hash as eight 32-bit words, most significant first. */
export function pdqHexToWords(hex: string, out: Uint32Array = new Uint32Array(WORDS), offset = 0): Uint32Array {
  if (!isPdqHash(hex)) throw new TypeError(`not a 64-hex-digit PDQ hash: ${JSON.stringify(hex)}`);
  for (let w = 0; w < WORDS; w++) out[offset + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
  return out;
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Distance between stored row words and query words, or `limit + 1` as soon as it exceeds `limit`. */
function boundedDistance(stored: Uint32Array, storedBase: number, query: Uint32Array, queryBase: number, limit: number): number {
  let distance = 0;
  for (let w = 0; w < WORDS; w++) {
    distance += popcount32((stored[storedBase + w]! ^ query[queryBase + w]!) >>> 0);
    if (distance > limit) return limit + 1;
  }
  return distance;
}

/** The 16-bit value of chunk `c` (0..15) of the hash whose words start at `base`. */
function chunkOf(words: Uint32Array, base: number, c: number): number {
  const word = words[base + (c >>> 1)]!;
  return (c & 1) === 0 ? word >>> 16 : word & 0xffff;
}

const probeMasksByRadius = new Map<number, Uint16Array>();

/** Every 16-bit mask with at most `radius` bits set, the zero mask first. */
function probeMasks(radius: number): Uint16Array {
  let masks = probeMasksByRadius.get(radius);
  if (!masks) {
    const list: number[] = [];
    for (let mask = 0; mask < BUCKETS; mask++) if (popcount32(mask) <= radius) list.push(mask);
    list.sort((a, b) => popcount32(a) - popcount32(b) || a - b);
    masks = Uint16Array.from(list);
    probeMasksByRadius.set(radius, masks);
  }
  return masks;
}

/**
 * Beyond this chunk radius (distances of 64 and more) probing costs more than it saves; such
 * queries fall back to the linear scan, which gives the same answer.
 */
const MAX_PROBE_RADIUS = 3;

/** One bit per query hash in a row's `checked` word. */
const MAX_QUERY_HASHES = 32;
const ALL_CHECKED = 0xffffffff;

/** Stored PDQ hashes with caller keys and groups, searched by Hamming distance (see the module comment). */
export class PdqIndex {
  /** Queries scan at most this many unindexed hashes before the chunk tables are rebuilt. */
  static readonly TAIL_LIMIT = 4096;

  private words: Uint32Array;
  private keys: Float64Array;
  private groups: Uint32Array;
  private stamps: Uint32Array;
  /** Per row, during one query: which query hashes it was already checked against (bit q). */
  private checked: Uint32Array;
  private epoch = 0;
  private count = 0;
  /** Rows [0, indexedCount) are in the chunk tables; later rows form the tail. */
  private indexedCount = 0;
  private readonly offsets: Uint32Array[] = [];
  private members: Uint32Array[] = [];

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.words = new Uint32Array(capacity * WORDS);
    this.keys = new Float64Array(capacity);
    this.groups = new Uint32Array(capacity);
    this.stamps = new Uint32Array(capacity);
    this.checked = new Uint32Array(capacity);
    for (let c = 0; c < CHUNKS; c++) this.offsets.push(new Uint32Array(BUCKETS + 1));
  }

  /** How many hashes are stored. */
  get size(): number {
    return this.count;
  }

  /** Stores a hash (64 hex digits) under the caller's numeric key and group. */
  add(hash: string, key: number, group = 0): void {
    if (!Number.isFinite(key)) throw new TypeError(`PdqIndex.add: key must be a finite number, got ${key}`);
    if (!Number.isInteger(group) || group < 0 || group > 0xffffffff) throw new TypeError(`PdqIndex.add: group must be a 32-bit unsigned integer, got ${group}`);
    if (this.count === this.keys.length) this.grow(this.count * 2);
    pdqHexToWords(hash, this.words, this.count * WORDS);
    this.keys[this.count] = key;
    this.groups[this.count] = group;
    this.count += 1;
  }

  /** Builds the chunk tables over every stored hash (queries do it themselves when the tail is long). */
  rebuild(): void {
    const n = this.count;
    if (this.members.length === 0 || this.members[0]!.length < n) {
      const capacity = Math.max(n, this.keys.length);
      this.members = Array.from({ length: CHUNKS }, () => new Uint32Array(capacity));
    }
    for (let c = 0; c < CHUNKS; c++) {
      // Counting sort of the rows by their chunk value: offsets[v]..offsets[v+1] is bucket v.
      const offsets = this.offsets[c]!;
      const members = this.members[c]!;
      offsets.fill(0);
      for (let row = 0; row < n; row++) offsets[chunkOf(this.words, row * WORDS, c) + 1]! += 1;
      for (let v = 0; v < BUCKETS; v++) offsets[v + 1]! += offsets[v]!;
      const cursor = offsets.slice(0, BUCKETS);
      for (let row = 0; row < n; row++) members[cursor[chunkOf(this.words, row * WORDS, c)]!++] = row;
    }
    this.indexedCount = n;
  }

  /**
   * Every stored hash within `maxDistance` of any of `queries` (typically a new image's eight
   * dihedral hashes; at most 32), each once, at its smallest distance. Exact: the same answer as
   * {@link scan}. A candidate is checked only against the query hash whose probe found it: by the
   * pigeonhole rule, every query hash within the distance finds it through its own probes.
   */
  query(queries: readonly string[], options: PdqQueryOptions): PdqIndexHit[] {
    const maxDistance = checkedDistance(options.maxDistance);
    if (queries.length > MAX_QUERY_HASHES) throw new RangeError(`at most ${MAX_QUERY_HASHES} query hashes, got ${queries.length}`);
    const radius = Math.floor(maxDistance / CHUNKS);
    if (radius > MAX_PROBE_RADIUS) return this.scan(queries, options);
    if (this.count - this.indexedCount > PdqIndex.TAIL_LIMIT) this.rebuild();
    const packed = packQueries(queries);
    const stamp = this.nextEpoch();
    const found = new Map<number, PdqIndexHit>();
    const masks = probeMasks(radius);
    const { words, stamps, checked, groups } = this;
    const acceptGroup = options.acceptGroup;
    // One stored row against one query hash, at most once per query.
    const visit = (row: number, q: number): void => {
      if (stamps[row] !== stamp) {
        stamps[row] = stamp;
        checked[row] = acceptGroup && !acceptGroup(groups[row]!) ? ALL_CHECKED : 0;
      }
      const bit = 1 << q;
      if ((checked[row]! & bit) !== 0) return;
      checked[row] = checked[row]! | bit;
      const distance = boundedDistance(words, row * WORDS, packed, q * WORDS, maxDistance);
      if (distance > maxDistance) return;
      const hit = found.get(row);
      // Queries are visited in order, so on a tie the earlier query hash stays.
      if (!hit) found.set(row, { key: this.keys[row]!, group: groups[row]!, distance, variant: q });
      else if (distance < hit.distance || (distance === hit.distance && q < hit.variant)) Object.assign(hit, { distance, variant: q });
    };
    for (let q = 0; q < queries.length; q++) {
      for (let c = 0; c < CHUNKS; c++) {
        const value = chunkOf(packed, q * WORDS, c);
        const offsets = this.offsets[c]!;
        const members = this.members[c]!;
        for (let m = 0; m < masks.length; m++) {
          const bucket = value ^ masks[m]!;
          const end = offsets[bucket + 1]!;
          for (let i = offsets[bucket]!; i < end; i++) visit(members[i]!, q);
        }
      }
      for (let row = this.indexedCount; row < this.count; row++) visit(row, q);
    }
    return [...found.values()];
  }

  /** The same answer as {@link query} by a packed popcount scan of every stored hash (the baseline). */
  scan(queries: readonly string[], options: PdqQueryOptions): PdqIndexHit[] {
    const maxDistance = checkedDistance(options.maxDistance);
    const packed = packQueries(queries);
    const hits: PdqIndexHit[] = [];
    for (let row = 0; row < this.count; row++) {
      const group = this.groups[row]!;
      if (options.acceptGroup && !options.acceptGroup(group)) continue;
      let best = maxDistance + 1;
      let variant = -1;
      for (let q = 0; q < queries.length; q++) {
        // Bounded by the best so far: only a strictly closer query hash can replace it.
        const distance = boundedDistance(this.words, row * WORDS, packed, q * WORDS, best - 1);
        if (distance < best) {
          best = distance;
          variant = q;
          if (best === 0) break;
        }
      }
      if (variant >= 0) hits.push({ key: this.keys[row]!, group, distance: best, variant });
    }
    return hits;
  }

  private nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    this.epoch += 1;
    return this.epoch;
  }

  private grow(capacity: number): void {
    const words = new Uint32Array(capacity * WORDS);
    words.set(this.words);
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    const groups = new Uint32Array(capacity);
    groups.set(this.groups);
    const stamps = new Uint32Array(capacity);
    stamps.set(this.stamps);
    this.checked = new Uint32Array(capacity);
    this.words = words;
    this.keys = keys;
    this.groups = groups;
    this.stamps = stamps;
  }
}

function checkedDistance(maxDistance: number): number {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 256) throw new RangeError(`maxDistance must be an integer 0..256, got ${maxDistance}`);
  return maxDistance;
}

function packQueries(queries: readonly string[]): Uint32Array {
  const packed = new Uint32Array(queries.length * WORDS);
  queries.forEach((hex, q) => pdqHexToWords(hex, packed, q * WORDS));
  return packed;
}
