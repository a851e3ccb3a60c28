import { z } from "zod";
import { blockViewSchema } from "@/lib/features/block/schema";
import { isoTime } from "@/lib/format/wire";

/** A user as the lists, the user page and the API show it: secret-free, and only what is shown. */
export const userRowSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  image: z.string().nullable(),
  /** Null when the email is not verified. */
  emailVerified: isoTime.nullable(),
  /** Gatehouse's block (gatehouseBlock), active or expired; null when none. */
  block: blockViewSchema.nullable(),
  /** From gatehouse-guard's events.signIn; null until the guard recorded one. */
  lastSignInAt: isoTime.nullable(),
  lastSignInProvider: z.string().nullable(),
  signInCount: z.number().nullable(),
});
export type UserRow = z.infer<typeof userRowSchema>;

/** The user a session or account row points at, as the lists show it beside the row. */
export const userRefSchema = userRowSchema.pick({ id: true, email: true, name: true, block: true });
export type UserRef = z.infer<typeof userRefSchema>;
