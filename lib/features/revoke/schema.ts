import { z } from "zod";
import { id, reason } from "@/lib/actions/fields";

/** Revoke's inputs: one session by its owner and fingerprint, all of a user's, or a selection. */
const fingerprint = z.string().regex(/^[0-9a-f]{10}$/, "a session fingerprint");

export const sessionRefSchema = z.object({ userId: id, fingerprint });
export const revokeSessionSchema = sessionRefSchema;
export const revokeAllSchema = z.object({ userId: id, reason });
export const revokeSelectedSchema = z.object({ sessions: z.array(sessionRefSchema).min(1, "Select at least one session.").max(100), reason });
