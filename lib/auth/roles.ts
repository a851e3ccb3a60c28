export const roles = ["admin", "viewer"] as const;
export type Role = (typeof roles)[number];

function matches(email: string, entries: readonly string[]): boolean {
  const normalized = email.trim().toLowerCase();
  const domain = normalized.slice(normalized.lastIndexOf("@"));
  return entries.some((entry) => (entry.startsWith("@") ? entry === domain : entry === normalized));
}

/** The role an email has under the allow-lists, or null when it is not allowed in. Admin wins over viewer. */
export function roleFor(email: string | null | undefined, lists: { admins: readonly string[]; viewers: readonly string[] }): Role | null {
  if (!email?.includes("@")) return null;
  if (matches(email, lists.admins)) return "admin";
  if (matches(email, lists.viewers)) return "viewer";
  return null;
}

/** What a principal may do: the console's roles and API keys are both expressed in these. */
export const scopes = ["read", "sessions:write", "accounts:write", "users:write"] as const;
export type Scope = (typeof scopes)[number];

const roleScopes: Record<Role, readonly Scope[]> = {
  viewer: ["read"],
  admin: scopes,
};

/** The scopes a console role carries: a viewer reads, an admin does everything. */
export function scopesFor(role: Role): readonly Scope[] {
  return roleScopes[role];
}
