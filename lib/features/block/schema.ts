import { z } from "zod";
import { id, optionalReason, reason } from "@/lib/actions/fields";
import { isoTime } from "@/lib/format/wire";
import { blockDurationValues } from "./durations";

/** A user's `gatehouseBlock` as the pages and the API show it. */
export const blockViewSchema = z.object({
  since: isoTime.nullable(),
  /** Null: permanent. */
  until: isoTime.nullable(),
  reason: z.string(),
  by: z.string(),
  /** False once `until` has passed: the guard no longer refuses the user. */
  active: z.boolean(),
});
export type BlockView = z.infer<typeof blockViewSchema>;

/** Block's inputs, as the server action checks them: the duration is one of the dialog's. */
export const blockUserSchema = z.object({ userId: id, reason, duration: z.enum(blockDurationValues, "Pick how long the block lasts.") });
export const unblockUserSchema = z.object({ userId: id, reason: optionalReason });
