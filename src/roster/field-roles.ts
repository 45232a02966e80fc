/** Roles a welcome-page field position can have for an exam. */
export const FIELD_ROLES = ["identifier", "email", "secret", "ignore"] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

/** Reason a role list was rejected, in each operator language. */
export type FieldRolesProblem = { sw: string; en: string };

export type FieldRolesResult = { ok: true; roles: FieldRole[] } | { ok: false; reason: FieldRolesProblem };

/**
 * Parses a comma-separated role list such as `identifier,secret` or
 * `email,ignore,secret`. Exactly one of `identifier` or `email` names the
 * student (both are allowed: the student may type either), and `secret` may
 * appear at most once.
 */
export function parseFieldRoles(text: string): FieldRolesResult {
  const roles = text.split(",").map((role) => role.trim().toLowerCase());

  const unknown = roles.filter((role) => !(FIELD_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) {
    const role = JSON.stringify(unknown[0]);
    return { ok: false, reason: { sw: `jukumu ${role} halijulikani`, en: `unknown role ${role}` } };
  }

  const typed = roles as FieldRole[];
  if (!typed.includes("identifier") && !typed.includes("email")) {
    return { ok: false, reason: { sw: "hakuna nafasi yenye jukumu identifier au email", en: "no position has the role identifier or email" } };
  }
  for (const role of ["identifier", "email", "secret"] as const) {
    if (typed.filter((candidate) => candidate === role).length > 1) {
      return { ok: false, reason: { sw: `jukumu ${role} limetajwa zaidi ya mara moja`, en: `the role ${role} appears more than once` } };
    }
  }
  return { ok: true, roles: typed };
}
