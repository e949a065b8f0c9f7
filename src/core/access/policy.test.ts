/**
 * The access policy as a matrix (issue 2 §5): role × unit × action, written out by hand so the
 * test does not restate the implementation.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../request-context.ts';
import type { Role } from './roles.ts';
import {
  ADMIN_ACTIONS,
  CASE_ACTIONS,
  canAccessCase,
  canPerform,
  canReadUser,
  caseScopeFor,
  isWithinUnit,
  type CaseAccessFacts,
  type CaseAction,
} from './policy.ts';

const PATH = {
  TPD: '/tpd/',
  WCPD: '/tpd/wcpd/',
  CIB: '/tpd/cib/',
  INSP: '/tpd/insp/',
  IT: '/tpd/it/',
  DA: '/tpd/da/',
  'DA-S1': '/tpd/da/s1/',
  'DA-S2': '/tpd/da/s2/',
  XY: '/tpd/xy/',
  'XY-S1': '/tpd/xy/s1/',
} as const;

function actor(id: string, unit: keyof typeof PATH, roles: Role[]): Actor {
  return { userId: id, username: id, unitId: unit, unitCode: unit, unitPath: PATH[unit], roles };
}

const ACTORS = {
  officerDaS1: actor('officerDaS1', 'DA-S1', ['officer']),
  officerDaS2: actor('officerDaS2', 'DA-S2', ['officer']),
  officerXy: actor('officerXy', 'XY-S1', ['officer']),
  supervisorDa: actor('supervisorDa', 'DA', ['supervisor']),
  supervisorXy: actor('supervisorXy', 'XY', ['supervisor']),
  wcpd: actor('wcpd', 'WCPD', ['wcpd_coordinator']),
  cib: actor('cib', 'CIB', ['cib_investigator']),
  auditor: actor('auditor', 'INSP', ['auditor']),
  admin: actor('admin', 'IT', ['admin']),
};

const CASES: Record<string, CaseAccessFacts> = {
  daS1: { owningUnitPath: PATH['DA-S1'], cibAssistance: 'none', assigneeUserIds: [] },
  xy: { owningUnitPath: PATH['XY-S1'], cibAssistance: 'none', assigneeUserIds: [] },
  xyAssignedToDaOfficer: { owningUnitPath: PATH['XY-S1'], cibAssistance: 'none', assigneeUserIds: ['officerDaS1'] },
  xyCibRequested: { owningUnitPath: PATH['XY-S1'], cibAssistance: 'requested', assigneeUserIds: [] },
  xyCibAccepted: { owningUnitPath: PATH['XY-S1'], cibAssistance: 'accepted', assigneeUserIds: [] },
  xyCibDeclined: { owningUnitPath: PATH['XY-S1'], cibAssistance: 'declined', assigneeUserIds: [] },
};

// r = read, u = update, a = assign, v = review (Art. 40 sign-off), t = transfer; '' = no access.
const EXPECTED: Record<keyof typeof ACTORS, Record<keyof typeof CASES, string>> = {
  officerDaS1: { daS1: 'ru', xy: '', xyAssignedToDaOfficer: 'ru', xyCibRequested: '', xyCibAccepted: '', xyCibDeclined: '' },
  officerDaS2: { daS1: '', xy: '', xyAssignedToDaOfficer: '', xyCibRequested: '', xyCibAccepted: '', xyCibDeclined: '' },
  officerXy: { daS1: '', xy: 'ru', xyAssignedToDaOfficer: 'ru', xyCibRequested: 'ru', xyCibAccepted: 'ru', xyCibDeclined: 'ru' },
  supervisorDa: { daS1: 'ruavt', xy: '', xyAssignedToDaOfficer: '', xyCibRequested: '', xyCibAccepted: '', xyCibDeclined: '' },
  supervisorXy: { daS1: '', xy: 'ruavt', xyAssignedToDaOfficer: 'ruavt', xyCibRequested: 'ruavt', xyCibAccepted: 'ruavt', xyCibDeclined: 'ruavt' },
  wcpd: { daS1: 'ru', xy: 'ru', xyAssignedToDaOfficer: 'ru', xyCibRequested: 'ru', xyCibAccepted: 'ru', xyCibDeclined: 'ru' },
  cib: { daS1: '', xy: '', xyAssignedToDaOfficer: '', xyCibRequested: 'r', xyCibAccepted: 'ru', xyCibDeclined: '' },
  auditor: { daS1: '', xy: '', xyAssignedToDaOfficer: '', xyCibRequested: '', xyCibAccepted: '', xyCibDeclined: '' },
  admin: { daS1: '', xy: '', xyAssignedToDaOfficer: '', xyCibRequested: '', xyCibAccepted: '', xyCibDeclined: '' },
};

const LETTER: Record<CaseAction, string> = { read: 'r', update: 'u', assign: 'a', review: 'v', transfer: 't' };

describe('case access matrix', () => {
  for (const [actorName, who] of Object.entries(ACTORS)) {
    for (const [caseName, facts] of Object.entries(CASES)) {
      it(`${actorName} on ${caseName}`, () => {
        const allowed = CASE_ACTIONS.filter((action) => canAccessCase(who, facts, action))
          .map((action) => LETTER[action])
          .join('');
        expect(allowed).toBe(EXPECTED[actorName as keyof typeof ACTORS][caseName]);
      });
    }
  }

  it('nobody signed in sees nothing', () => {
    for (const facts of Object.values(CASES)) for (const action of CASE_ACTIONS) expect(canAccessCase(null, facts, action)).toBe(false);
  });

  it('list scopes follow the same rules', () => {
    expect(caseScopeFor(ACTORS.wcpd)).toEqual({ kind: 'all' });
    expect(caseScopeFor(ACTORS.auditor)).toEqual({ kind: 'none' });
    expect(caseScopeFor(ACTORS.admin)).toEqual({ kind: 'none' });
    expect(caseScopeFor(ACTORS.supervisorDa)).toMatchObject({ kind: 'scoped', unitPath: PATH.DA, includeCibRequests: false });
    expect(caseScopeFor(ACTORS.cib)).toMatchObject({ kind: 'scoped', unitPath: PATH.CIB, includeCibRequests: true });
  });
});

// Administration and oversight: u = user.read, m = user.manage, n = unit.manage, a = audit.read, v = audit.verify, e = evidence.verify.
const ADMIN_EXPECTED: Record<keyof typeof ACTORS, string> = {
  officerDaS1: '',
  officerDaS2: '',
  officerXy: '',
  supervisorDa: 'u',
  supervisorXy: 'u',
  wcpd: 'u',
  cib: '',
  auditor: 'ave',
  admin: 'umn',
};
const ADMIN_LETTER = { 'user.read': 'u', 'user.manage': 'm', 'unit.manage': 'n', 'audit.read': 'a', 'audit.verify': 'v', 'evidence.verify': 'e' } as const;

describe('administration matrix', () => {
  for (const [actorName, who] of Object.entries(ACTORS)) {
    it(actorName, () => {
      const allowed = ADMIN_ACTIONS.filter((action) => canPerform(who, action))
        .map((action) => ADMIN_LETTER[action])
        .join('');
      expect(allowed).toBe(ADMIN_EXPECTED[actorName as keyof typeof ACTORS]);
    });
  }

  it('supervisors read people of their own unit tree only; everyone reads themself', () => {
    const daStationUser = { id: 'someone', unitPath: PATH['DA-S2'] };
    expect(canReadUser(ACTORS.supervisorDa, daStationUser)).toBe(true);
    expect(canReadUser(ACTORS.supervisorXy, daStationUser)).toBe(false);
    expect(canReadUser(ACTORS.officerDaS1, daStationUser)).toBe(false);
    expect(canReadUser(ACTORS.officerDaS1, { id: 'officerDaS1', unitPath: PATH['DA-S1'] })).toBe(true);
    expect(canReadUser(ACTORS.wcpd, daStationUser)).toBe(true);
    expect(canReadUser(ACTORS.auditor, daStationUser)).toBe(false);
  });

  it('a unit contains itself and its sub-units, not its siblings or a prefix-named neighbour', () => {
    expect(isWithinUnit(PATH.DA, PATH['DA-S1'])).toBe(true);
    expect(isWithinUnit(PATH.DA, PATH.DA)).toBe(true);
    expect(isWithinUnit(PATH['DA-S1'], PATH.DA)).toBe(false);
    expect(isWithinUnit('/tpd/da/', '/tpd/dax/')).toBe(false);
  });
});
