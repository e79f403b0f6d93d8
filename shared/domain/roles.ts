/**
 * The roles of a firm's people (销售代表 / 经理 / 管理员). The sync server keeps each person's
 * role in its user table; the rulebook (shared/rules) decides what each role may do.
 */
export type Role = 'admin' | 'manager' | 'rep';
export const ROLES: readonly Role[] = ['admin', 'manager', 'rep'];
