/**
 * The per-unit evaluation (issue #9; G4.1.4) over generated data with known answers: three
 * precincts with patrols of known hours, findings, Art. 40 confirmations, takedowns with known
 * removal times, transfers, suspects, victims referred, outreach audiences and training hours —
 * exact figures, scores, ranks, the drill-down into a precinct, the monthly trend (whose last month
 * equals the month's evaluation), Taipei month boundaries, who sees what, rule-set versions, a bad
 * rule set refused with every problem named, and the CSV/XLSX/PDF files over HTTP.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/client.ts';
import type { ServiceContext } from '../../src/core/request-context.ts';
import { auditEvents } from '../../src/modules/audit/audit.tables.ts';
import { caseTransfers, cases } from '../../src/modules/cases/cases.tables.ts';
import { evaluate, evaluationTrend, type EvaluatedRow, type EvaluationReport } from '../../src/modules/evaluation/evaluation.service.ts';
import { createRuleSetVersion, listRuleSets } from '../../src/modules/evaluation/rule-sets.service.ts';
import { DEFAULT_RULE_SET } from '../../src/modules/evaluation/evaluation-rules.ts';
import { findings, knownUrls } from '../../src/modules/findings/findings.tables.ts';
import { createActivity, deleteActivity } from '../../src/modules/outreach/outreach.service.ts';
import { patrolSessions } from '../../src/modules/patrols/patrols.tables.ts';
import { platformsRepository } from '../../src/modules/platforms/platforms.repository.ts';
import { suspectIdentifiers, suspects } from '../../src/modules/suspects/suspects.tables.ts';
import { takedownTargets } from '../../src/modules/takedowns/takedowns.tables.ts';
import { createCourse } from '../../src/modules/training/training.service.ts';
import { users } from '../../src/modules/users/users.tables.ts';
import { victimServices, victims } from '../../src/modules/victims/victims.tables.ts';
import type { AppInstance } from '../../src/server/app-types.ts';
import { contextFor, makeUser, seedDepartment, unitByCode, type TestUser } from '../helpers/factories.ts';
import { buildTestApp, TestClient } from '../helpers/test-app.ts';
import { describeEachDatabase } from '../helpers/test-database.ts';

const HOUR = 3_600_000;
/** An instant given as Taipei wall-clock time. */
const taipei = (text: string) => new Date(`${text}+08:00`);
/** "Now" for the whole file: after the evaluated month, so open sessions and plans are in the past. */
const NOW = taipei('2025-04-10T09:00:00');
const MARCH = { periodKind: 'month' as const, anchor: '2025-03-15' };

const row = (report: EvaluationReport, code: string): EvaluatedRow => {
  const found = report.rows.find((r) => r.unit.code === code && r.scope === 'subtree');
  if (!found) throw new Error(`no row ${code}`);
  return found;
};

describeEachDatabase('performance evaluation', (use) => {
  let db: Database;
  let officerDa: TestUser;
  let officerDa2: TestUser;
  let officerXy: TestUser;
  let officerWh: TestUser;
  let supervisorDa: TestUser;
  let supervisorDaCtx: ServiceContext;
  let wcpd: ServiceContext;
  let cib: ServiceContext;
  let admin: ServiceContext;
  let auditor: ServiceContext;
  let app: AppInstance;

  beforeAll(async () => {
    db = use().db;
    await seedDepartment(db);
    officerDa = await makeUser(db, { unitCode: 'DA-S1' });
    officerDa2 = await makeUser(db, { unitCode: 'DA-S2' });
    officerXy = await makeUser(db, { unitCode: 'XY-S1' });
    officerWh = await makeUser(db, { unitCode: 'WH-INV' });
    supervisorDa = await makeUser(db, { unitCode: 'DA', roles: ['supervisor'] });
    supervisorDaCtx = contextFor(supervisorDa);
    wcpd = contextFor(await makeUser(db, { unitCode: 'WCPD', roles: ['wcpd_coordinator'] }));
    cib = contextFor(await makeUser(db, { unitCode: 'CIB-TECH', roles: ['cib_investigator'] }));
    admin = contextFor(await makeUser(db, { unitCode: 'IT', roles: ['admin'] }));
    auditor = contextFor(await makeUser(db, { unitCode: 'INSP', roles: ['auditor'] }));
    const [platform] = await platformsRepository.findAll(db);
    const unitId = async (code: string) => (await unitByCode(db, code)).id;

    // ── Patrols: DA-S1 2 h + 3 h + 1 h (the last starts 23:30 on 31 March) and one in February and
    // one starting 00:10 on 1 April (neither counts); DA-S2 one of 20 h (counts 12); XY-S1 4 h and
    // one still open since 30 March (counts 12).
    const patrol = (who: TestUser, start: string, hours: number | null) => ({
      officerId: who.user.id,
      unitId: who.unit.id,
      startedAt: taipei(start),
      endedAt: hours === null ? null : new Date(taipei(start).getTime() + hours * HOUR),
    });
    await db.insert(patrolSessions).values([
      patrol(officerDa, '2025-03-03T09:00:00', 2),
      patrol(officerDa, '2025-03-04T09:00:00', 3),
      patrol(officerDa, '2025-03-31T23:30:00', 1),
      patrol(officerDa, '2025-02-10T09:00:00', 2),
      patrol(officerDa2, '2025-03-08T08:00:00', 20),
      patrol(officerXy, '2025-03-05T09:00:00', 4),
      patrol(officerXy, '2025-03-30T10:00:00', null),
    ]);
    await db.insert(patrolSessions).values(patrol(officerDa2, '2025-04-01T00:10:00', 2));

    // ── Findings: DA-S1 three in March and one in February; XY-S1 two; WH-INV one.
    let urlCount = 0;
    const finding = async (who: TestUser, seen: string) => {
      urlCount += 1;
      const url = `https://eval.example/p/${urlCount}-${Math.random().toString(16).slice(2)}`;
      const [known] = await db.insert(knownUrls).values({ canonicalUrl: url, host: 'eval.example' }).returning();
      await db.insert(findings).values({ urlId: known!.id, url, platformId: platform!.id, unitId: who.unit.id, recordedBy: who.user.id, seenAt: taipei(seen) });
    };
    for (const seen of ['2025-03-01T00:00:00', '2025-03-12T10:00:00', '2025-03-31T23:59:00', '2025-02-28T23:59:00']) await finding(officerDa, seen);
    for (const seen of ['2025-03-02T10:00:00', '2025-03-03T10:00:00']) await finding(officerXy, seen);
    await finding(officerWh, '2025-03-09T10:00:00');

    // ── Cases: DA-S1 case 1 confirmed Art. 40 in March, case 2 in February; XY-S1 case 3 in March,
    // case 4 "harmful" in March (not Art. 40).
    let sequence = 0;
    const makeCase = async (who: TestUser, outcome: 'art40' | 'harmful' | null, confirmed: string | null) => {
      sequence += 1;
      const [created] = await db
        .insert(cases)
        .values({
          number: `EV-114-${String(sequence).padStart(4, '0')}`,
          owningUnitId: who.unit.id,
          rocYear: 114,
          sequence,
          title: `評核測試案件 ${sequence}`,
          createdBy: who.user.id,
          art40Outcome: outcome,
          art40ConfirmedAt: confirmed ? taipei(confirmed) : null,
        })
        .returning();
      return created!.id;
    };
    const case1 = await makeCase(officerDa, 'art40', '2025-03-05T10:00:00');
    const case2 = await makeCase(officerDa, 'art40', '2025-02-20T10:00:00');
    const case3 = await makeCase(officerXy, 'art40', '2025-03-10T10:00:00');
    await makeCase(officerXy, 'harmful', '2025-03-11T10:00:00');

    // ── Takedowns: DA removed in 10 h (within 24 h), in 30 h (late, then RPZ), one never removed (RPZ);
    // XY reported in February, ordered in March, removed in 2 h.
    let targetCount = 0;
    const target = async (caseId: string, who: TestUser, t: { reported: string; ordered: string; removedAfterHours: number | null; rpz: string | null }) => {
      targetCount += 1;
      const url = `https://eval.example/t/${targetCount}-${Math.random().toString(16).slice(2)}`;
      const [known] = await db.insert(knownUrls).values({ canonicalUrl: url, host: 'eval.example' }).returning();
      const ordered = taipei(t.ordered);
      await db.insert(takedownTargets).values({
        caseId,
        urlId: known!.id,
        url,
        state: t.removedAfterHours === null ? 'rpz_requested' : 'removed',
        reportedAt: taipei(t.reported),
        orderIssuedAt: ordered,
        dueAt: new Date(ordered.getTime() + 24 * HOUR),
        removedAt: t.removedAfterHours === null ? null : new Date(ordered.getTime() + t.removedAfterHours * HOUR),
        rpzRequestedAt: t.rpz ? taipei(t.rpz) : null,
        createdBy: who.user.id,
      });
    };
    await target(case1, officerDa, { reported: '2025-03-02T10:00:00', ordered: '2025-03-03T08:00:00', removedAfterHours: 10, rpz: null });
    await target(case1, officerDa, { reported: '2025-03-04T10:00:00', ordered: '2025-03-04T12:00:00', removedAfterHours: 30, rpz: '2025-03-05T13:00:00' });
    await target(case1, officerDa, { reported: '2025-03-06T10:00:00', ordered: '2025-03-06T12:00:00', removedAfterHours: null, rpz: '2025-03-07T13:00:00' });
    await target(case3, officerXy, { reported: '2025-02-27T10:00:00', ordered: '2025-03-01T10:00:00', removedAfterHours: 2, rpz: null });

    // ── Transfers: DA case 1 on 20 March and case 2 on 31 March; XY case 3 on 1 April (next month).
    const transfer = (caseId: string, day: string) => ({ caseId, prosecutorOffice: 'taipei' as const, transferredOn: day, documentNumber: `北檢${day}`, recordedBy: supervisorDa.user.id, recordedAt: NOW });
    await db.insert(caseTransfers).values([transfer(case1, '2025-03-20'), transfer(case2, '2025-03-31'), transfer(case3, '2025-04-01')]);

    // ── Suspects: A (two identifiers in March: counts once), B (February), C on XY's case (March), D (no identifier).
    const suspect = async (caseId: string, label: string, identifiedAt: string[]) => {
      const [created] = await db.insert(suspects).values({ caseId, label, createdBy: officerDa.user.id }).returning();
      for (const [index, at] of identifiedAt.entries()) {
        await db.insert(suspectIdentifiers).values({ suspectId: created!.id, kind: 'platform_account', value: `acct_${label}_${index}`, createdBy: officerDa.user.id, createdAt: taipei(at) });
      }
    };
    await suspect(case1, 'A', ['2025-03-08T10:00:00', '2025-03-09T10:00:00']);
    await suspect(case1, 'B', ['2025-02-10T10:00:00']);
    await suspect(case3, 'C', ['2025-03-15T10:00:00']);
    await suspect(case1, 'D', []);

    // ── Victims (synthetic placeholders; nothing identifying is stored): referred in March by a
    // social worker (DA), an SAB service offered on 1 March (DA), an adult's "yes" in February (not
    // March), an adult's "no" (never), a social worker at 23:00 on 31 March (XY).
    const victim = async (caseId: string, fields: Partial<typeof victims.$inferInsert>) => {
      const [created] = await db
        .insert(victims)
        .values({ caseId, maskedName: '王O明', nameSealed: 'sealed-placeholder', keyId: 'test-key', incidentDate: '2025-01-01', isMinor: true, ageAtIncident: 15, ageRule: 'test', createdBy: officerDa.user.id, ...fields })
        .returning();
      return created!.id;
    };
    await victim(case1, { socialWorkerName: '社工甲', socialWorkerArrivedAt: taipei('2025-03-12T10:00:00') });
    const offered = await victim(case1, {});
    await db.insert(victimServices).values({ victimId: offered, service: 'single_window', offeredOn: '2025-03-01', updatedBy: officerDa.user.id });
    await victim(case2, { isMinor: false, ageAtIncident: 25, wantsSocialWorker: 'no', wantsCounsellingReferral: 'yes', referralAnsweredAt: taipei('2025-02-25T10:00:00') });
    await victim(case2, { isMinor: false, ageAtIncident: 30, wantsSocialWorker: 'no', wantsCounsellingReferral: 'no', referralAnsweredAt: taipei('2025-03-25T10:00:00') });
    await victim(case3, { socialWorkerName: '社工乙', socialWorkerArrivedAt: taipei('2025-03-31T23:00:00') });

    // ── Outreach through the service: DA-S1 a school talk (120) and an online post (audience
    // unknown); DA's own special-day event (200); XY a press release (50) and a deleted radio
    // programme (999, does not count); WH an interview in February.
    const da = contextFor(officerDa);
    const xy = contextFor(officerXy);
    await createActivity(db, da, { title: '校園宣導', startsAt: taipei('2025-03-10T10:00:00').toISOString(), audienceCount: 120, officerIds: [officerDa.user.id], details: { kind: 'school_talk', schoolName: '示範國中', schoolLevel: 'junior_high', topics: ['網路交友安全'], withEducationBureauTour: true } }, NOW);
    await createActivity(db, da, { title: '臉書宣導貼文', startsAt: taipei('2025-03-11T10:00:00').toISOString(), audienceCount: null, officerIds: [], details: { kind: 'online_post', platform: 'Facebook', link: 'https://www.facebook.com/example/posts/1', reach: 5000 } }, NOW);
    await createActivity(db, supervisorDaCtx, { title: '兒童節親子活動', startsAt: taipei('2025-03-20T14:00:00').toISOString(), audienceCount: 200, officerIds: [supervisorDa.user.id], details: { kind: 'special_day_event', occasion: '兒童節', format: 'in_person', withParentsAndChildren: true, venue: '大安森林公園' } }, NOW);
    await createActivity(db, xy, { title: '新聞稿', startsAt: taipei('2025-03-21T10:00:00').toISOString(), audienceCount: 50, officerIds: [], details: { kind: 'press_release', mediaGroups: ['市府記者群組'], withPictures: true } }, NOW);
    const deleted = await createActivity(db, xy, { title: '廣播專訪', startsAt: taipei('2025-03-22T10:00:00').toISOString(), audienceCount: 999, officerIds: [], details: { kind: 'radio_programme', station: '警廣', programme: '警察與你' } }, NOW);
    await deleteActivity(db, xy, deleted.activity.id);
    await createActivity(db, contextFor(officerWh), { title: '電視專訪', startsAt: taipei('2025-02-14T10:00:00').toISOString(), audienceCount: 10, officerIds: [], details: { kind: 'media_interview', medium: 'tv', outlet: '示範電視台', programme: null } }, NOW);

    // ── Training through the service: 3 h in March for DA-S1, XY-S1 and DA's supervisor; 6 h in
    // February for DA-S1; 1.5 h in March for WH. DA-S1's officer then moves to XY: the hours stay DA's.
    await createCourse(db, cib, { title: '數位鑑識基礎', heldOn: '2025-03-15', hours: 3, trainer: '刑大科偵隊', traineeIds: [officerDa.user.id, officerXy.user.id, supervisorDa.user.id] }, NOW);
    await createCourse(db, cib, { title: '網路跡證調閱', heldOn: '2025-02-10', hours: 6, trainer: '刑大科偵隊', traineeIds: [officerDa.user.id] }, NOW);
    await createCourse(db, cib, { title: '開源情資蒐集', heldOn: '2025-03-20', hours: 1.5, trainer: '刑大科偵隊', traineeIds: [officerWh.user.id] }, NOW);
    const xyUnitId = await unitId('XY-S1');
    await db.update(users).set({ unitId: xyUnitId }).where(eq(users.id, officerDa.user.id));

    app = await buildTestApp(use());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('counts every figure per precinct (with its stations) and scores it under the default rule set', async () => {
    const report = await evaluate(db, wcpd, MARCH, NOW);
    expect(report.period).toMatchObject({ kind: 'month', label: '114年3月', firstDay: '2025-03-01', lastDay: '2025-03-31' });
    expect(report.period.from.toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(report.period.to.toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(report.ruleSet.version).toBe(1);
    expect(report.group.isDepartment).toBe(true);
    // WCPD, CIB and the 14 precincts; not the IT or inspection offices.
    expect(report.rankedCount).toBe(16);
    expect(report.rows.map((r) => r.unit.code)).not.toContain('IT');

    expect(row(report, 'DA').values).toEqual({
      patrolSessions: 4,
      patrolHours: 18,
      findings: 3,
      art40Cases: 1,
      takedownReports: 3,
      takedownOrders: 3,
      removedWithin24h: 1,
      removedWithin24hShare: 33.3,
      medianHoursToRemoval: 20,
      rpzEscalations: 2,
      casesTransferred: 2,
      suspectsIdentified: 1,
      victimsReferred: 2,
      outreachActivities: 3,
      outreachAudience: 320,
      trainingHours: 6,
    });
    expect(row(report, 'XY').values).toEqual({
      patrolSessions: 2,
      patrolHours: 16,
      findings: 2,
      art40Cases: 1,
      takedownReports: 0,
      takedownOrders: 1,
      removedWithin24h: 1,
      removedWithin24hShare: 100,
      medianHoursToRemoval: 2,
      rpzEscalations: 0,
      casesTransferred: 0,
      suspectsIdentified: 1,
      victimsReferred: 1,
      outreachActivities: 1,
      outreachAudience: 50,
      trainingHours: 3,
    });
    expect(row(report, 'WH').values).toMatchObject({ findings: 1, trainingHours: 1.5, outreachActivities: 0, removedWithin24hShare: null, medianHoursToRemoval: null });

    // 2 + 9 + 0.6 + 2 + 1.5 + 3.33 + 1 + 6 + 1 + 4 + 3 + 3.2 + 3
    expect(row(report, 'DA').score).toBe(39.63);
    // 1 + 8 + 0.4 + 2 + 10 + 1 + 2 + 1 + 0.5 + 1.5
    expect(row(report, 'XY').score).toBe(27.4);
    expect(row(report, 'WH').score).toBe(0.95);
    expect([row(report, 'DA').rank, row(report, 'XY').rank, row(report, 'WH').rank]).toEqual([1, 2, 3]);
    // Everyone else shares fourth place.
    expect(row(report, 'CIB')).toMatchObject({ rank: 4, score: 0 });
    expect(report.rows.filter((r) => r.rank === 4)).toHaveLength(13);
    expect(report.total.values).toMatchObject({ patrolSessions: 6, findings: 6, takedownOrders: 4, removedWithin24h: 2, removedWithin24hShare: 50, medianHoursToRemoval: 10, outreachAudience: 370, trainingHours: 10.5 });

    // "How computed": value × points, the cap, the weight, the contribution.
    const share = row(report, 'DA').breakdown.find((b) => b.metric === 'removedWithin24hShare')!;
    expect(share).toEqual({ metric: 'removedWithin24hShare', value: 33.3, scored: true, pointsPerItem: 0.1, rawPoints: 3.33, cap: 10, capped: false, points: 3.33, weight: 1, contribution: 3.33 });
    expect(row(report, 'DA').breakdown.find((b) => b.metric === 'takedownOrders')).toMatchObject({ scored: false, contribution: 0 });
  });

  it('opens a precinct one level down: stations ranked among themselves, the headquarters shown apart', async () => {
    const report = await evaluate(db, supervisorDaCtx, MARCH, NOW);
    expect(report.group).toMatchObject({ code: 'DA', isDepartment: false });
    expect(report.rows.map((r) => `${r.unit.code}:${r.scope}`)).toEqual(['DA-S1:subtree', 'DA-S2:subtree', 'DA-INV:subtree', 'DA-PRV:subtree', 'DA:self']);
    expect(row(report, 'DA-S1').values).toMatchObject({ patrolSessions: 3, patrolHours: 6, findings: 3, art40Cases: 1, outreachActivities: 2, outreachAudience: 120, trainingHours: 3 });
    expect(row(report, 'DA-S2').values).toMatchObject({ patrolSessions: 1, patrolHours: 12 });
    const self = report.rows.find((r) => r.scope === 'self')!;
    expect(self).toMatchObject({ rank: null, values: expect.objectContaining({ outreachActivities: 1, outreachAudience: 200, trainingHours: 3 }) });
    expect(report.total.score).toBe(39.63);
    // The supervisor's own place in the department, without anyone else's figures.
    expect(report.departmentRank).toMatchObject({ unit: { code: 'DA' }, rank: 1, of: 16, score: 39.63 });
    expect(report.seesDepartment).toBe(false);
  });

  it('keeps month boundaries in Taipei and matches the month in the monthly trend', async () => {
    const trend = await evaluationTrend(db, wcpd, { months: 3, end: '2025-03-31' }, NOW);
    expect(trend.months.map((m) => m.label)).toEqual(['114年1月', '114年2月', '114年3月']);
    const da = trend.series.find((s) => s.unit.code === 'DA' && s.scope === 'subtree')!;
    expect(da.scores[2]).toBe(39.63);
    // February: 1 session of 2 h, 1 finding, the Art. 40 case, suspect B, the adult's "yes", 6 training hours.
    expect(da.values[1]).toMatchObject({ patrolSessions: 1, patrolHours: 2, findings: 1, art40Cases: 1, suspectsIdentified: 1, victimsReferred: 1, trainingHours: 6 });
    expect(da.scores[1]).toBe(9.7);
    expect(da.scores[0]).toBe(0);
    expect(trend.series.find((s) => s.unit.code === 'XY')!.values[1]).toMatchObject({ takedownReports: 1 });
    expect(trend.series.at(-1)!.scope).toBe('total');

    const april = await evaluate(db, wcpd, { periodKind: 'month', anchor: '2025-04-02' }, NOW);
    expect(row(april, 'DA').values).toMatchObject({ patrolSessions: 1, casesTransferred: 0 });
    expect(row(april, 'XY').values).toMatchObject({ casesTransferred: 1 });
    const quarter = await evaluate(db, wcpd, { periodKind: 'quarter', anchor: '2025-02-01' }, NOW);
    expect(quarter.period.label).toBe('114年第1季');
    expect(row(quarter, 'DA').values).toMatchObject({ patrolSessions: 5, findings: 4, art40Cases: 2 });
  });

  it('lets only WCPD and CIB see the department; a supervisor sees their subtree; others nothing', async () => {
    await expect(evaluate(db, cib, MARCH, NOW)).resolves.toMatchObject({ seesDepartment: true, rankedCount: 16 });
    const xyUnit = await unitByCode(db, 'XY');
    await expect(evaluate(db, supervisorDaCtx, { ...MARCH, unitId: xyUnit.id }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const root = await unitByCode(db, 'TPD');
    await expect(evaluate(db, supervisorDaCtx, { ...MARCH, unitId: root.id }, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const station = await unitByCode(db, 'DA-S1');
    await expect(evaluate(db, supervisorDaCtx, { ...MARCH, unitId: station.id }, NOW)).resolves.toMatchObject({ group: { code: 'DA-S1' } });
    for (const who of [contextFor(officerDa2), admin, auditor]) {
      await expect(evaluate(db, who, MARCH, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(evaluationTrend(db, who, {}, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const denied = await db.select().from(auditEvents).where(eq(auditEvents.action, 'evaluation.view'));
    expect(denied.filter((e) => e.outcome === 'denied').length).toBeGreaterThanOrEqual(5);
  });

  it('versions the rule sets: a new version becomes current, the old one stays selectable', async () => {
    const before = await listRuleSets(db, wcpd);
    expect(before[0]!.ruleSet).toMatchObject({ version: 1, name: DEFAULT_RULE_SET.name, basis: expect.stringContaining('to be confirmed by CIB') });
    const v1 = before[0]!.ruleSet;
    const rules = structuredClone(v1.rules);
    rules.metrics.patrolHours = { pointsPerItem: 0.5, cap: 5, weight: 1 };
    rules.metrics.casesTransferred = { pointsPerItem: 3, cap: 30, weight: 2 };
    const v2 = await createRuleSetVersion(db, admin, { name: '114 年評核計畫', basis: '刑大確認', rules, basedOnId: v1.id });
    expect(v2.version).toBe(2);
    const v3 = await createRuleSetVersion(db, cib, { name: '114 年評核計畫（修正）', basis: '刑大確認', rules, basedOnId: v2.id });
    expect(v3.version).toBe(3);
    expect((await listRuleSets(db, supervisorDaCtx)).map((r) => r.ruleSet.version)).toEqual([3, 2, 1]);

    const current = await evaluate(db, wcpd, MARCH, NOW);
    expect(current.ruleSet.version).toBe(3);
    const hours = row(current, 'DA').breakdown.find((b) => b.metric === 'patrolHours')!;
    expect(hours).toMatchObject({ value: 18, rawPoints: 9, capped: true, points: 5, contribution: 5 });
    expect(row(current, 'DA').breakdown.find((b) => b.metric === 'casesTransferred')).toMatchObject({ points: 6, weight: 2, contribution: 12 });
    // 39.63 − 9 + 5 − 6 + 12
    expect(row(current, 'DA').score).toBe(41.63);
    const old = await evaluate(db, wcpd, { ...MARCH, ruleSetId: v1.id }, NOW);
    expect(row(old, 'DA').score).toBe(39.63);

    for (const who of [wcpd, supervisorDaCtx, auditor]) {
      await expect(createRuleSetVersion(db, who, { name: 'x', basis: 'y', rules })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses a bad rule set naming every problem', async () => {
    const bad = {
      rankedUnitKinds: ['precinct', 'battalion'],
      metrics: {
        patrolHours: { pointsPerItem: 0.5, cap: -1, weight: 1 },
        findings: { pointsPerItem: 0.2, cap: 10, weight: 500 },
        arrests: { pointsPerItem: 1, cap: 10, weight: 1 },
      },
    };
    const refused = createRuleSetVersion(db, admin, { name: '錯誤規則', basis: '測試', rules: bad });
    await expect(refused).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const message = await refused.catch((error: Error) => error.message);
    expect(message).toContain('rankedUnitKinds.1');
    expect(message).toContain('metrics.patrolHours.cap');
    expect(message).toContain('metrics.findings.weight');
    expect(message).toContain('metrics.arrests');
    await expect(createRuleSetVersion(db, admin, { name: '全不計分', basis: '測試', rules: { rankedUnitKinds: ['precinct'], metrics: { findings: { pointsPerItem: 1, cap: 0, weight: 1 } } } })).rejects.toThrow(/at least one figure must score/);
    // Nothing was published.
    expect((await listRuleSets(db, admin))[0]!.ruleSet.version).toBe(3);
  });

  it('exports CSV and XLSX and prints the PDF report over HTTP, each audited', async () => {
    const client = new TestClient(app);
    await client.login(use(), await makeUser(db, { unitCode: 'WCPD', roles: ['wcpd_coordinator'] }));
    const query = 'periodKind=month&anchor=2025-03-15';
    const json = await client.request('GET', `/api/evaluation?${query}`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().rows.find((r: { unit: { code: string } }) => r.unit.code === 'DA').values.findings).toBe(3);

    const csv = await client.request('GET', `/api/evaluation/export?${query}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toContain('evaluation-TPD-114-03-01_114-03-31');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^名次,代碼,單位,範圍,總分,巡查次數,巡查時數/);
    expect(lines.some((l) => l.startsWith('1,DA,大安分局,含下級單位,') && l.includes(',4,18,3,'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^,TPD,臺北市政府警察局（合計）,合計,/);

    const xlsx = await client.request('GET', `/api/evaluation/export?${query}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.headers['x-row-count']).toBe('17');

    const pdf = await client.request('GET', `/api/evaluation/report.pdf?${query}`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const audited = await db.select().from(auditEvents).where(eq(auditEvents.objectType, 'evaluation'));
    expect(audited.filter((e) => e.action === 'evaluation.export' && e.outcome === 'success')).toHaveLength(2);
    expect(audited.filter((e) => e.action === 'evaluation.print' && e.outcome === 'success')).toHaveLength(1);

    const officer = new TestClient(app);
    await officer.login(use(), officerDa2);
    expect((await officer.request('GET', `/api/evaluation/export?${query}&format=csv`)).statusCode).toBe(403);
    const badRules = await client.request('GET', `/api/evaluation?periodKind=custom&from=2025-03-10&to=2025-03-01`);
    expect(badRules.statusCode).toBe(400);
  });

});
