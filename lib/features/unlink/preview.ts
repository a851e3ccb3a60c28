/** How long a tombstone (unlink, delete) can be restored from the audit log. */
export const UNDO_DAYS = 7;

/** A user with one linked account and no verified email cannot sign in once it goes. */
export const isLastWayIn = (accounts: number, emailVerified: unknown) => accounts === 1 && !emailVerified;

export interface UnlinkFacts {
  provider: string;
  providerAccountId: string;
  /** The user's email, or their id when there is none. */
  owner: string;
  hasEmail: boolean;
  lastWayIn: boolean;
}

/** The "last way to sign in" warning of the Unlink dialog: its headline and its detail. */
export function lastWayInWarning(owner: string, hasEmail: boolean) {
  return {
    headline: `This is ${owner}'s last way to sign in.`,
    detail:
      "It is their only linked account and their email is not verified. After unlinking, they cannot sign in; only a new magic link (which verifies the email) lets them back in." +
      (hasEmail ? "" : " They have no email, so this account cannot be unlinked."),
  };
}

/** What the Unlink dialog shows, as text: the console's dialog and the API's dryRun both build it here. */
export function unlinkPreview(facts: UnlinkFacts) {
  const warning = facts.lastWayIn ? lastWayInWarning(facts.owner, facts.hasEmail) : null;
  return {
    title: `Unlink this ${facts.provider} account?`,
    description: `The user can no longer sign in with this ${facts.provider} account until they link it again. Its stored tokens go with it.`,
    summary: `${facts.provider} account ${facts.providerAccountId} of ${facts.owner}. It can be restored from the audit log for ${UNDO_DAYS} days.`,
    lastWayIn: facts.lastWayIn,
    warning: warning ? `${warning.headline} ${warning.detail}` : null,
    /** The operator must type the user's email (confirmEmail) to go ahead. */
    confirmEmailRequired: facts.lastWayIn && facts.hasEmail,
    /** Refused whatever is sent: the last way in of a user without an email. */
    refused: facts.lastWayIn && !facts.hasEmail,
  };
}
