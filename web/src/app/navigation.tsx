import type { ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, FileProtectOutlined, HomeOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '../lib/roles.ts';

export interface NavItem {
  key: 'home' | 'evidence' | 'users' | 'units' | 'audit' | 'evidenceVerify';
  path: string;
  icon: ReactNode;
  /** Roles that may open the page; empty means every signed-in user. */
  roles: readonly Role[];
}

/** The left menu. A user sees only the items their roles can use; the routes check the same list. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, roles: [] },
  // Evidence is case content: the case roles only, never administrators or auditors (DESIGN.md).
  { key: 'evidence', path: '/evidence', icon: <FileProtectOutlined />, roles: ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator'] },
  { key: 'users', path: '/admin/users', icon: <TeamOutlined />, roles: ['admin'] },
  { key: 'units', path: '/admin/units', icon: <ApartmentOutlined />, roles: ['admin'] },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, roles: ['auditor'] },
  // Auditors verify the evidence seals without opening the content.
  { key: 'evidenceVerify', path: '/audit/evidence', icon: <SafetyOutlined />, roles: ['auditor'] },
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
