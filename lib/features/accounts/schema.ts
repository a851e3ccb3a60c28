import { z } from "zod";
import { userRefSchema } from "@/lib/features/users/schema";
import { epochMsTime } from "@/lib/format/wire";

/** A linked account as the pages and the API show it: the tokens stay on the server. */
export const accountRowSchema = z.object({
  userId: z.string(),
  provider: z.string(),
  providerAccountId: z.string(),
  type: z.string(),
  scope: z.string().nullable(),
  /** Access-token expiry. */
  expiresAt: epochMsTime.nullable(),
  /** Null where the list did not read the token (it is a secret; only the user page asks). */
  hasRefreshToken: z.boolean().nullable(),
});

/** The accounts list shows whose account it is; the API's rows never carry it. */
export const accountListRowSchema = accountRowSchema.extend({ user: userRefSchema.nullable().optional() });
export type AccountRow = z.infer<typeof accountListRowSchema>;
