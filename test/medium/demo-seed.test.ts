/** The demo data (`npm start -- --demo`): people of every role and a patrol with findings, a case and its takedown target, a school talk and a course, seeded once. */
import { expect, it } from 'vitest';
import { systemContext } from '../../src/core/request-context.ts';
import { cases } from '../../src/modules/cases/cases.tables.ts';
import { seedDemoData } from '../../src/modules/demo/demo-seed.ts';
import { findings } from '../../src/modules/findings/findings.tables.ts';
import { patrolSessions } from '../../src/modules/patrols/patrols.tables.ts';
import { outreachActivities } from '../../src/modules/outreach/outreach.tables.ts';
import { caseTasks } from '../../src/modules/tasks/tasks.tables.ts';
import { trainingCourses, trainingTrainees } from '../../src/modules/training/training.tables.ts';
import { takedownTargets } from '../../src/modules/takedowns/takedowns.tables.ts';
import { seedDepartment } from '../helpers/factories.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

describeEachDatabase('demo seed', (use) => {
  it('creates users, an ended patrol, three findings and one numbered case, and nothing twice', async () => {
    const db = use().db;
    await seedDepartment(db);
    const created = await seedDemoData(db, systemContext('demo-seed'));
    expect(created.length).toBeGreaterThanOrEqual(6);
    expect(await db.select().from(findings)).toHaveLength(3);
    const [patrol] = await db.select().from(patrolSessions);
    expect(patrol!.endedAt).not.toBeNull();
    const allCases = await db.select().from(cases);
    expect(allCases).toHaveLength(1);
    expect(allCases[0]!.number).toMatch(/^DA-S1-\d{3}-0001$/);
    expect((await db.select().from(caseTasks)).map((t) => t.stepCode)).toEqual(['art40_check']);
    // The case's takedown target waits for its capture (never reported before the seal, G6.2.2).
    const targets = await db.select().from(takedownTargets);
    expect(targets.map((t) => [t.caseId, t.state])).toEqual([[allCases[0]!.id, 'identified']]);
    // Prevention and training for the outreach, training and evaluation pages.
    expect(await db.select().from(outreachActivities)).toHaveLength(1);
    expect(await db.select().from(trainingCourses)).toHaveLength(1);
    expect(await db.select().from(trainingTrainees)).toHaveLength(2);

    expect(await seedDemoData(db, systemContext('demo-seed'))).toEqual([]);
    expect(await db.select().from(findings)).toHaveLength(3);
    expect(await db.select().from(cases)).toHaveLength(1);
    expect(await db.select().from(takedownTargets)).toHaveLength(1);
    expect(await db.select().from(outreachActivities)).toHaveLength(1);
  });
});
