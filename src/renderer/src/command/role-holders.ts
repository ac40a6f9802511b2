import type { RoleAssignment } from '../../../shared/incident-command-types';
import type { Role } from '../../../shared/incident-lifecycle';

/** Who holds `role` now, or null when nobody has been given it. */
export function currentHolder(
  roles: readonly RoleAssignment[],
  role: Role,
): RoleAssignment | null {
  return (
    roles.findLast(
      (assignment) =>
        assignment.role === role && assignment.handedOverAt === null,
    ) ?? null
  );
}

/** Earlier holders of `role`, most recent first. */
export function earlierHolders(
  roles: readonly RoleAssignment[],
  role: Role,
): RoleAssignment[] {
  return roles
    .filter(
      (assignment) =>
        assignment.role === role && assignment.handedOverAt !== null,
    )
    .reverse();
}
