import type { Context } from 'koa';
import type { CollectionSpec, Role } from '../features/collections/registry.js';
import type { AuthenticatedUser } from '../features/session/authenticate.js';
import { ProblemError } from './errors.js';

/**
 * Who may do what. Reads: any signed-in user, or anyone for collections published as open data.
 * Writes: the roles the collection registry names. The client hides what a role cannot do; this refuses it.
 */
export interface AccessPolicy {
  /** Collections readable without signing in (open data); empty by default. */
  publicCollections: ReadonlySet<string>;
}

export function currentUser(ctx: Context): AuthenticatedUser | undefined {
  return ctx.state.user as AuthenticatedUser | undefined;
}

const signInRequired = () =>
  new ProblemError(401, 'Unauthorized', 'Sign in first (POST /api/session), or send HTTP Basic credentials from a GIS tool.',
    [{ field: 'session', message: 'not signed in' }]);

/** Throws 401 unless someone is signed in. */
export function requireUser(ctx: Context): AuthenticatedUser {
  const user = currentUser(ctx);
  if (!user) throw signInRequired();
  return user;
}

export function canRead(ctx: Context, spec: CollectionSpec, policy: AccessPolicy): boolean {
  return currentUser(ctx) !== undefined || policy.publicCollections.has(spec.id);
}

/** Throws 401 unless the collection may be read by this request. */
export function requireRead(ctx: Context, spec: CollectionSpec, policy: AccessPolicy): void {
  if (!canRead(ctx, spec, policy)) throw signInRequired();
}

/** Throws 401/403 unless the signed-in user's role may write the collection; returns the user. */
export function requireWrite(ctx: Context, spec: CollectionSpec): AuthenticatedUser {
  return requireRole(ctx, spec.editRoles, `edit ${spec.id}`);
}

/** Throws 401/403 (naming the missing right) unless the user has one of `roles`. */
export function requireRole(ctx: Context, roles: readonly Role[], right: string): AuthenticatedUser {
  const user = requireUser(ctx);
  if (!roles.includes(user.role)) {
    throw new ProblemError(403, 'Forbidden', `Your role "${user.role}" may not ${right}; it needs one of: ${roles.join(', ')}.`,
      [{ field: 'role', message: `missing right: ${right}` }], { missingRight: right, requiredRoles: roles });
  }
  return user;
}
