import type { Role } from '../domain/roles';

/**
 * Who is making a change. On the sync server the role comes from the server's user table, never
 * from a document; in the core it is the signed-in person's role. No role means nobody is signed
 * in: the device's one person is the whole firm (a firm of one) and may do everything.
 */
export interface Actor {
  id: string;
  name: string;
  role?: Role;
}

/** A user of the firm as the rules need to know them (the server knows all; the core only itself). */
export interface RuleUser {
  id: string;
  name: string;
  role: Role;
  disabled?: boolean;
}

export function isFirmOfOne(actor: Actor): boolean {
  return actor.role === undefined;
}

/** Managers and admins decide gate approvals (批准 / 驳回); alone on a device, the one person does. */
export function mayDecideApprovals(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === undefined || actor.role === 'manager' || actor.role === 'admin';
}

/** Configuring the sales process (pipelines, stages, gates) is a manager's job. */
export function mayConfigure(actor: Pick<Actor, 'role'>): boolean {
  return mayDecideApprovals(actor);
}

/** Managers and admins write every record of the firm; a rep writes their own. */
export function writesEveryRecord(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === undefined || actor.role === 'manager' || actor.role === 'admin';
}
