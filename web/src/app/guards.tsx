/**
 * Route guards driven by the session stage. The server decides the stage; these components only
 * send the user to the page that serves it, so a reload in the middle of the sign-in flow lands
 * on the right step.
 */
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { pathForStage, pendingReason, useSession, type Stage } from '../features/auth/session.ts';
import { hasAnyRole, type Role } from '../lib/roles.ts';
import { FullPageSpin } from './FullPageSpin.tsx';
import { ForbiddenPage, SessionErrorPage } from './StatusPages.tsx';

interface FromState {
  from?: string;
}

/** A same-app path worth returning to after sign-in (never an auth page, never off-site). */
function safeReturnPath(from: string | undefined): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return '/';
  return from;
}

/** The signed-in area: anything but `active` goes to the page of its stage. */
export function RequireActive() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) return <SessionErrorPage onRetry={() => void session.refetch()} />;
  const { stage } = session.data;
  if (stage !== 'active') {
    // After a sign-out the next user starts at home, not at the previous user's page.
    const state: FromState = pendingReason() === 'loggedOut' ? {} : { from: `${location.pathname}${location.search}` };
    return <Navigate to={pathForStage(stage)} replace state={state} />;
  }
  return <Outlet />;
}

/** One step of the sign-in flow: shown only while the session is at that stage. */
export function StageGate({ stage }: { stage: Stage }) {
  const session = useSession();
  const location = useLocation();
  const from = (location.state as FromState | null)?.from;
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) return <SessionErrorPage onRetry={() => void session.refetch()} />;
  const current = session.data.stage;
  if (current === 'active') return <Navigate to={safeReturnPath(from)} replace />;
  if (current !== stage) {
    const state: FromState = { from };
    return <Navigate to={pathForStage(current)} replace state={state} />;
  }
  return <Outlet />;
}

/** A page for some roles only; others see a 403 page (and the server refuses the data anyway). */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const session = useSession();
  if (!session.data?.user || !hasAnyRole(session.data.user.roles, roles)) return <ForbiddenPage />;
  return <Outlet />;
}
