import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  ControlOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  GlobalOutlined,
  HomeOutlined,
  LineChartOutlined,
  MailOutlined,
  ProjectOutlined,
  SafetyOutlined,
  SearchOutlined,
  SolutionOutlined,
  StopOutlined,
  TagsOutlined,
  TeamOutlined,
  NotificationOutlined,
  ReadOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Role } from '../lib/roles.ts';

export interface NavItem {
  key:
    | 'home'
    | 'patrol'
    | 'findings'
    | 'cases'
    | 'board'
    | 'takedowns'
    | 'takedownSpeed'
    | 'evidence'
    | 'patrolLog'
    | 'sources'
    | 'liaison'
    | 'outreach'
    | 'training'
    | 'evaluation'
    | 'evaluationRules'
    | 'lexicons'
    | 'hashBanks'
    | 'users'
    | 'units'
    | 'platforms'
    | 'mail'
    | 'audit'
    | 'evidenceVerify'
    | 'victimReveals';
  path: string;
  icon: ReactNode;
  /** Roles that may open the page; empty means every signed-in user. */
  roles: readonly Role[];
}

/** The left menu. A user sees only the items their roles can use; the routes check the same list. */
/** The roles that see case content (DESIGN.md): never administrators or auditors. */
const CASE_ROLES: readonly Role[] = ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator'];

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, roles: [] },
  { key: 'patrol', path: '/patrol', icon: <SearchOutlined />, roles: CASE_ROLES },
  { key: 'findings', path: '/findings', icon: <FileSearchOutlined />, roles: CASE_ROLES },
  { key: 'cases', path: '/cases', icon: <FolderOpenOutlined />, roles: CASE_ROLES },
  // The WCPD's tracking board (列管); units see their own cases on it.
  { key: 'board', path: '/board', icon: <ProjectOutlined />, roles: CASE_ROLES },
  // Takedown tracking per URL (G5.2, G6.2): the 24-hour clock after the order, RPZ, 180 days.
  { key: 'takedowns', path: '/takedowns', icon: <StopOutlined />, roles: CASE_ROLES },
  { key: 'takedownSpeed', path: '/takedowns/speed', icon: <LineChartOutlined />, roles: CASE_ROLES },
  { key: 'evidence', path: '/evidence', icon: <FileProtectOutlined />, roles: CASE_ROLES },
  { key: 'patrolLog', path: '/patrol-log', icon: <CalendarOutlined />, roles: CASE_ROLES },
  { key: 'sources', path: '/findings-sources', icon: <BarChartOutlined />, roles: CASE_ROLES },
  // Prevention work (G5.4), CIB's training (G4.1.4) and the per-unit evaluation (G4.1.4, issue #9).
  { key: 'outreach', path: '/outreach', icon: <NotificationOutlined />, roles: CASE_ROLES },
  { key: 'training', path: '/training', icon: <ReadOutlined />, roles: CASE_ROLES },
  // Counts per unit, for those who manage units: WCPD and CIB (all), supervisors (their subtree).
  { key: 'evaluation', path: '/evaluation', icon: <TrophyOutlined />, roles: ['supervisor', 'wcpd_coordinator', 'cib_investigator'] },
  // Administrators and CIB publish rule-set versions; the evaluation's readers see them.
  { key: 'evaluationRules', path: '/evaluation/rules', icon: <ControlOutlined />, roles: ['supervisor', 'wcpd_coordinator', 'cib_investigator', 'admin'] },
  // The partner bodies' windows (G4.1.2): read by case roles, kept by the WCPD and administrators.
  { key: 'liaison', path: '/liaison', icon: <ContactsOutlined />, roles: [...CASE_ROLES, 'admin'] },
  // Administrators keep the keyword lists (DESIGN.md) without seeing case content.
  { key: 'lexicons', path: '/lexicons', icon: <TagsOutlined />, roles: [...CASE_ROLES, 'admin'] },
  // Partners' known-image hash lists (issue #8): kept by the WCPD and administrators.
  { key: 'hashBanks', path: '/hash-banks', icon: <DatabaseOutlined />, roles: ['wcpd_coordinator', 'admin'] },
  { key: 'users', path: '/admin/users', icon: <TeamOutlined />, roles: ['admin'] },
  { key: 'units', path: '/admin/units', icon: <ApartmentOutlined />, roles: ['admin'] },
  // The platform registry (G3.1): domains, search templates and removal-check markers.
  { key: 'platforms', path: '/admin/platforms', icon: <GlobalOutlined />, roles: ['admin'] },
  // Without SMTP, notices and reminders are .eml files the administrator browses here.
  { key: 'mail', path: '/admin/mail', icon: <MailOutlined />, roles: ['admin'] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, roles: ['auditor'] },
  // Auditors verify the evidence seals without opening the content.
  { key: 'evidenceVerify', path: '/audit/evidence', icon: <SafetyOutlined />, roles: ['auditor'] },
  // Who revealed or printed a victim's identity, when and why (G6.3.6).
  { key: 'victimReveals', path: '/audit/victim-reveals', icon: <SolutionOutlined />, roles: ['auditor'] },
];

/** The roles of the nav item that owns a path. */
export function rolesFor(key: NavItem['key']): readonly Role[] {
  return NAV_ITEMS.find((item) => item.key === key)?.roles ?? [];
}

/** The menu key to highlight for a location (longest matching path prefix). */
export function selectedNavPath(pathname: string): string {
  let best = '/';
  for (const item of NAV_ITEMS) {
    if (item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)) && item.path.length > best.length) {
      best = item.path;
    }
  }
  return best;
}
