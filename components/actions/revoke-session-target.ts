import type { RevokeSessionFacts } from "@/lib/features/revoke/preview";

/** The session a Revoke button names: what its dialog previews and what the action needs. */
export interface RevokeSessionTarget extends RevokeSessionFacts {
  userId: string;
}
