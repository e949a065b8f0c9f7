/**
 * The audit trail is append-only and hash-chained (issue 2 §6): verification passes on an intact
 * chain and names the first broken event when a row is altered, deleted or reordered.
 */
import { sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { systemContext } from '../../src/core/request-context.ts';
import { recordAuditNow, verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('audit chain', (use) => {
  const ctx = systemContext('audit-test');

  /** Runs tampering SQL as the owner with the append-only trigger switched off, as an attacker with DBA rights would. */
  async function tamper(statement: string) {
    await use().superuserSql(
      `ALTER TABLE audit_events DISABLE TRIGGER USER; ${statement}; ALTER TABLE audit_events ENABLE TRIGGER USER;`,
    );
  }

  beforeEach(async () => {
    await tamper('DELETE FROM audit_events');
    for (let i = 1; i <= 6; i += 1) {
      await recordAuditNow(use().db, ctx, { action: `test.event${i}`, objectType: 'thing', objectId: String(i), details: { i, 名稱: '測試' } });
    }
  });

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(use().db)).toEqual({ ok: true, checked: 6, firstBroken: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const db = use().db;
    await expect(db.execute(sql`update audit_events set action = 'x' where seq = 2`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events where seq = 2`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects an altered event', async () => {
    await tamper(`UPDATE audit_events SET object_id = 'forged' WHERE seq = 3`);
    expect(await verifyAuditChain(use().db)).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: 'hash_mismatch' } });
  });

  it('detects an altered event even when its own hash is recomputed', async () => {
    await tamper(`UPDATE audit_events SET action = 'forged', hash = repeat('a', 64) WHERE seq = 4`);
    expect(await verifyAuditChain(use().db)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it('detects a deleted event', async () => {
    await tamper('DELETE FROM audit_events WHERE seq = 2');
    expect(await verifyAuditChain(use().db)).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: 'sequence_gap' } });
  });

  it('detects reordered events', async () => {
    // Swap the contents of events 4 and 5 while keeping their sequence numbers.
    await tamper(`
      UPDATE audit_events SET seq = -4 WHERE seq = 4;
      UPDATE audit_events SET seq = 4 WHERE seq = 5;
      UPDATE audit_events SET seq = 5 WHERE seq = -4`);
    expect(await verifyAuditChain(use().db)).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
  });

  it('keeps seq gapless when the writing transaction rolls back', async () => {
    const db = use().db;
    await expect(
      db.transaction(async (tx) => {
        const { recordAudit } = await import('../../src/modules/audit/audit.service.ts');
        await recordAudit(tx, ctx, { action: 'test.rolled_back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await recordAuditNow(db, ctx, { action: 'test.after_rollback' });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 7, firstBroken: null });
  });
});
