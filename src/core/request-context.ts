import type { Role } from './access/roles.ts';

/** Who is acting: the signed-in user with their unit (and its place in the tree) and roles. */
export type Actor = {
  userId: string;
  username: string;
  unitId: string;
  unitCode: string;
  /** Materialised path of the actor's unit (`/rootId/…/unitId/`). */
  unitPath: string;
  roles: Role[];
};

/** Where a request came from, for the audit trail. */
export type RequestMeta = {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
};

/**
 * What every service call receives: the actor (null for the system itself, e.g. the first start
 * or a CLI command run by the operator) and the request's origin.
 */
export type ServiceContext = {
  actor: Actor | null;
  meta: RequestMeta;
  /** For system actions, the name written to the audit trail (`system`, `cli:root`). */
  systemName?: string;
};

/** A context for work the system does on its own or on the operator's command line. */
export function systemContext(systemName: string, requestId = `${systemName}-${Date.now()}`): ServiceContext {
  return { actor: null, meta: { requestId, sourceIp: null, userAgent: null }, systemName };
}
