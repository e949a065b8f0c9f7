/**
 * Demo data (`npm start -- --demo`, `csep demo seed`): synthetic people of every role across the
 * unit tree, so a newcomer sees a living system. Idempotent: existing usernames are left alone.
 * All names are invented.
 */
import type { Role } from '../../core/access/roles.ts';
import type { Database } from '../../core/db/client.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { unitsRepository } from '../units/units.repository.ts';
import { usersRepository } from '../users/users.repository.ts';
import { createUser } from '../users/users.service.ts';
import { findings } from '../findings/findings.tables.ts';
import { promoteFinding, recordFinding } from '../findings/findings.service.ts';
import { createActivity } from '../outreach/outreach.service.ts';
import { openTarget } from '../takedowns/takedowns.service.ts';
import { createCourse } from '../training/training.service.ts';
import { endPatrol, startPatrol } from '../patrols/patrols.service.ts';
import { platformsRepository } from '../platforms/platforms.repository.ts';
import { seedUnitTreeIfEmpty } from '../units/units.bootstrap.ts';

export type DemoUser = { username: string; displayName: string; unitCode: string; roles: Role[] };

export const DEMO_USERS: DemoUser[] = [
  { username: 'wcpd.lin', displayName: '林婉婷（示範）', unitCode: 'WCPD', roles: ['wcpd_coordinator'] },
  { username: 'cib.chen', displayName: '陳志明（示範）', unitCode: 'CIB-TECH', roles: ['cib_investigator'] },
  { username: 'da.supervisor', displayName: '黃建國（示範）', unitCode: 'DA', roles: ['supervisor'] },
  { username: 'da.officer', displayName: '王小明（示範）', unitCode: 'DA-S1', roles: ['officer'] },
  { username: 'da.fpo', displayName: '張雅惠（示範）', unitCode: 'DA-PRV', roles: ['officer'] },
  { username: 'xy.supervisor', displayName: '李俊傑（示範）', unitCode: 'XY', roles: ['supervisor'] },
  { username: 'xy.officer', displayName: '吳佩珊（示範）', unitCode: 'XY-S1', roles: ['officer'] },
  { username: 'wh.officer', displayName: '劉家豪（示範）', unitCode: 'WH-INV', roles: ['officer'] },
  { username: 'auditor.wu', displayName: '吳美玲（示範）', unitCode: 'INSP', roles: ['auditor'] },
  { username: 'it.admin', displayName: '周文彬（示範）', unitCode: 'IT', roles: ['admin'] },
];

export type SeededDemoUser = DemoUser & { oneTimePassword: string };

/** Creates the demo users that do not exist yet; returns them with their one-time passwords. */
export async function seedDemoData(db: Database, ctx: ServiceContext): Promise<SeededDemoUser[]> {
  await seedUnitTreeIfEmpty(db, ctx);
  const created: SeededDemoUser[] = [];
  for (const demo of DEMO_USERS) {
    if (await usersRepository.findByUsername(db, demo.username)) continue;
    const unit = await unitsRepository.findByCode(db, demo.unitCode);
    if (!unit) throw new Error(`demo seed: unit ${demo.unitCode} is missing from the unit tree`);
    const { oneTimePassword } = await createUser(db, ctx, {
      username: demo.username,
      displayName: demo.displayName,
      unitId: unit.id,
      roles: demo.roles,
    });
    created.push({ ...demo, oneTimePassword });
  }
  await seedDemoCases(db);
  return created;
}

/** Synthetic posts: invented text; the URLs are only recorded, never fetched. */
const DEMO_FINDINGS = [
  { path: '/bbs/Gossiping/M.1763000001.A.D01.html', text: '今晚台北 外約 學生 價碼私訊 賴我', account: 'demo_account_01', category: 'art2_1_1' as const },
  { path: '/bbs/Gossiping/M.1763000002.A.D02.html', text: '徵 換片 有意者私訊（示範文字）', account: 'demo_account_02', category: 'art2_1_3' as const },
  { path: '/bbs/Gossiping/M.1763000003.A.D03.html', text: '一般閒聊文章，無可疑內容（示範文字）', account: 'demo_account_03', category: 'not_target' as const },
];

/**
 * A patrol, three findings and one case for the demo officer of 大安分局, so a newcomer sees the
 * patrol, findings and case pages with content. Only when the department has no findings yet.
 */
async function seedDemoCases(db: Database): Promise<void> {
  if ((await db.select({ id: findings.id }).from(findings).limit(1)).length > 0) return;
  const ctx = await demoContext(db, 'da.officer');
  if (!ctx) return;
  const ptt = (await platformsRepository.findAll(db)).find((p) => p.code === 'ptt');
  const patrol = await startPatrol(db, ctx, { platformIds: ptt ? [ptt.id] : [], keywords: ['外約', '換片'], focuses: ['call_girl_station', 'image_distribution'], notes: '示範巡查' });
  const recorded = [];
  for (const demo of DEMO_FINDINGS) {
    const { found } = await recordFinding(db, ctx, { url: `https://www.ptt.cc${demo.path}`, accountId: demo.account, contentText: demo.text, targetCategory: demo.category, patrolSessionId: patrol.session.id });
    recorded.push(found);
  }
  await endPatrol(db, ctx, patrol.session.id, '示範巡查結束');
  const promoted = await promoteFinding(db, ctx, recorded[0]!.finding.id, { title: '示範案件：疑似網路應召', summary: '示範資料，非真實案件' });
  // Its takedown target waits for a sealed capture before it may be reported (G6.2.2).
  if (promoted.case) await openTarget(db, ctx, promoted.case.id, recorded[0]!.finding.id);
  await seedDemoOutreachAndTraining(db, ctx);
}

/** Acting as a demo user (their unit and roles), or null when the user or unit is missing. */
async function demoContext(db: Database, username: string): Promise<ServiceContext | null> {
  const found = await usersRepository.findByUsername(db, username);
  const unit = found ? await unitsRepository.findById(db, found.user.unitId) : null;
  if (!found || !unit) return null;
  return {
    actor: { userId: found.user.id, username: found.user.username, unitId: unit.id, unitCode: unit.code, unitPath: unit.path, roles: found.user.roles },
    meta: { requestId: 'demo-seed', sourceIp: null, userAgent: 'csep demo seed' },
  };
}

/** A school talk of 大安分局 last week (G5.4.1) and a CIB course two weeks ago (G4.1.4), so the outreach, training and evaluation pages have content. */
async function seedDemoOutreachAndTraining(db: Database, officer: ServiceContext): Promise<void> {
  const day = 86_400_000;
  await createActivity(db, officer, {
    title: '校園宣導：網路交友與自我保護（示範）',
    startsAt: new Date(Date.now() - 7 * day).toISOString(),
    audienceCount: 120,
    officerIds: [officer.actor!.userId],
    notes: '示範資料',
    details: { kind: 'school_talk', schoolName: '臺北市立示範國民中學', schoolLevel: 'junior_high', topics: ['網路交友陷阱', '私密影像外流的求助管道'], withEducationBureauTour: true },
  });
  const cib = await demoContext(db, 'cib.chen');
  const others = await usersRepository.findByUsername(db, 'xy.officer');
  if (!cib) return;
  await createCourse(db, cib, {
    title: '科技偵查實務：網路跡證保全（示範）',
    heldOn: new Date(Date.now() + 8 * 3_600_000 - 14 * day).toISOString().slice(0, 10),
    hours: 3,
    trainer: '刑事警察大隊科技偵查隊',
    traineeIds: [officer.actor!.userId, ...(others ? [others.user.id] : [])],
  });
}
