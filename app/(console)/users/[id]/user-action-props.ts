import type { BlockView } from "@/lib/features/block/schema";

// The props of the buttons in user-actions.tsx, which their dialogs (user-action-dialogs.tsx) take too:
// here, so a lazily loaded dialog never imports the file that loads it.

/** What the action dialogs need to know about the user: nothing secret. */
export interface ActionUser {
  id: string;
  email: string | null;
  name: string | null;
  emailVerified: boolean;
}

/**
 * `guardActive`: a product runs gatehouse-guard on this table, so the user may hold JWT sessions
 * (no session items) that the revocation time ends: the action is worth offering without items.
 */
export interface RevokeAllSessionsButtonProps {
  user: ActionUser;
  fingerprints: string[];
  guardActive?: boolean;
}

export interface UnlinkAccountButtonProps {
  user: ActionUser;
  provider: string;
  providerAccountId: string;
  lastWayIn: boolean;
}

export interface DeleteUserButtonProps {
  user: ActionUser;
  /** One entry per linked account. */
  providers: string[];
  sessions: number;
  tokens: number;
  otherItems: number;
}

export interface BlockUserButtonProps {
  user: ActionUser;
  block: BlockView | null;
  sessions: number;
  guard: { active: boolean; text: string };
}

export interface UnblockUserButtonProps {
  user: ActionUser;
  block: BlockView;
}
