/**
 * The hub's roles, each allowed everything the one before it is:
 * public (no credentials) < analyst < officer < admin. What each may read or do is declared
 * field by field in src/auth/policy.ts.
 */
export const ROLES = ['public', 'analyst', 'officer', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Whether a string names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Whether `role` may do what `needed` may.
 * @example atLeast('officer', 'analyst') //= true
 */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
