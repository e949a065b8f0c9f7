/**
 * The process's in-memory PDQ indexes (issue #8): one over the enabled-or-not hash banks' PDQ
 * entries, one over the matchable evidence images. Built from the database at start, a page at a
 * time, and kept in step by catching up: every row with an id above the highest one held is read
 * and added. Bank imports and hashing runs are serialised by advisory locks, so ids commit in
 * increasing order and catching up never skips a row.
 *
 * Each server process holds its own copy (several workers: several indexes, each catching up
 * before it matches). The database stays the source of truth: candidates found here are read
 * again inside the matching transaction, and a disabled bank is filtered at query time.
 */
import type { DbOrTx } from '../../core/db/client.ts';
import { PdqIndex, type PdqIndexHit } from '../../pdq/index.ts';
import { hashBanksRepository } from './hash-banks.repository.ts';
import { imageMatchesRepository } from './image-matches.repository.ts';

export type IndexWatermarks = { bankEntry: number; imageHash: number };

export class KnownImageIndex {
  readonly banks = new PdqIndex();
  readonly evidence = new PdqIndex();
  private bankWatermark = 0;
  private imageWatermark = 0;
  private readonly bankGroups = new Map<string, number>();
  private readonly enabledGroups = new Set<number>();
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;

  constructor(
    /** Evidence images below this PDQ quality are never indexed (too flat to match). */
    private readonly minQuality: number,
    private readonly pageSize = 20_000,
  ) {}

  /** The highest ids held: rows above them are not in the index yet. */
  get watermarks(): IndexWatermarks {
    return { bankEntry: this.bankWatermark, imageHash: this.imageWatermark };
  }

  /** Whether the first full load has finished. */
  get ready(): boolean {
    return this.loaded;
  }

  /**
   * Reads every row added since the last catch-up (all of them the first time), a page at a time.
   * Calls are serialised. Never call it with a transaction of an embedded (PGlite) database while
   * another catch-up may be running on `db`: the single connection would wait on itself.
   */
  catchUp(db: DbOrTx): Promise<IndexWatermarks> {
    const run = this.queue.then(() => this.catchUpNow(db));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async catchUpNow(db: DbOrTx): Promise<IndexWatermarks> {
    for (;;) {
      const page = await hashBanksRepository.pdqEntriesAfter(db, this.bankWatermark, this.pageSize);
      for (const row of page) {
        this.banks.add(row.hash, row.id, this.groupOf(row.bankId));
        this.bankWatermark = row.id;
      }
      if (page.length < this.pageSize) break;
    }
    // After the entries: every bank an entry names is committed before it, so its state is known.
    for (const bank of await hashBanksRepository.bankStates(db)) this.setBankEnabled(bank.id, bank.enabled);
    for (;;) {
      const page = await imageMatchesRepository.pdqHashesAfter(db, this.imageWatermark, this.minQuality, this.pageSize);
      for (const row of page) {
        this.evidence.add(row.pdq, row.id);
        this.imageWatermark = row.id;
      }
      if (page.length < this.pageSize) break;
    }
    this.loaded = true;
    return this.watermarks;
  }

  /** Bank state seen by this process (a disable elsewhere arrives with the next catch-up). */
  setBankEnabled(bankId: string, enabled: boolean): void {
    const group = this.groupOf(bankId);
    if (enabled) this.enabledGroups.add(group);
    else this.enabledGroups.delete(group);
  }

  /** Entries of enabled banks within `maxDistance` of any of the hashes (a new image's eight dihedral hashes). */
  queryBanks(hashes: readonly string[], maxDistance: number): PdqIndexHit[] {
    return this.banks.query(hashes, { maxDistance, acceptGroup: (group) => this.enabledGroups.has(group) });
  }

  /** Stored evidence images within `maxDistance` of any of the hashes. */
  queryEvidence(hashes: readonly string[], maxDistance: number): PdqIndexHit[] {
    return this.evidence.query(hashes, { maxDistance });
  }

  private groupOf(bankId: string): number {
    let group = this.bankGroups.get(bankId);
    if (group === undefined) {
      group = this.bankGroups.size;
      this.bankGroups.set(bankId, group);
    }
    return group;
  }
}
