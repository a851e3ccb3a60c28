import { UNDO_DAYS } from "@/lib/features/unlink/preview";
import { plural } from "@/lib/format/plural";

export interface DeleteUserFacts {
  /** The user's email, or their id when there is none. */
  owner: string;
  name: string | null;
  hasEmail: boolean;
  /** The provider of each linked account. */
  providers: string[];
  sessions: number;
  tokens: number;
  otherItems: number;
}

/**
 * What happens to the sessions of a user whose item is deleted (Delete user, a merge, a list job's
 * delete), for both session strategies: database sessions are items, a JWT is not.
 */
export const JWT_ENDS_WITH_USER =
  "Database sessions are deleted: those browsers are signed out on their next request. JWT sessions have no item to delete: where the product runs gatehouse-guard they end on its next request (within the guard's cacheSeconds); without the guard a JWT stays valid until it expires.";

/** What the Delete user dialog shows, as text: the console's dialog and the API's dryRun both build it here. */
export function deleteUserPreview(facts: DeleteUserFacts) {
  const lines = [
    `The profile of ${facts.owner}${facts.name && facts.hasEmail ? ` (${facts.name})` : ""}`,
    `${plural(facts.providers.length, "linked account")}${facts.providers.length ? ` (${facts.providers.join(", ")})` : ""}`,
    `${plural(facts.sessions, "session")}${facts.sessions > 0 ? ": signed out everywhere" : ""}`,
    plural(facts.tokens, "pending sign-in token"),
    ...(facts.otherItems > 0 ? [`${plural(facts.otherItems, "other item")} in the user's partition`] : []),
  ];
  return {
    title: `Delete ${facts.owner}?`,
    description: "Removes the user and everything that hangs off them from the table.",
    lines,
    warning: `The profile and accounts can be restored from the audit log for ${UNDO_DAYS} days; sessions and sign-in tokens cannot. ${JWT_ENDS_WITH_USER}`,
  };
}
