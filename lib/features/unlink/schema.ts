import { z } from "zod";
import { id } from "@/lib/actions/fields";

/** Unlink's input: the account by its provider key; the reason and the typed email only when the account is the user's last. */
export const unlinkSchema = z.object({
  userId: id,
  provider: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  providerAccountId: z.string().min(1).max(200),
  reason: z.string().trim().max(500).optional(),
  confirmEmail: z.string().trim().max(254).optional(),
});
