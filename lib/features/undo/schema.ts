import { z } from "zod";

/** Undo names only the audit entry: what to restore is read from it on the server. */
export const undoSchema = z.object({ entryId: z.string().min(1).max(200) });
