import { z } from "zod";
import { reason } from "@/lib/actions/fields";

/** One step of Purge expired: the sealed cursor of the run so far, absent on the first step. */
export const purgeSchema = z.object({ reason, cursor: z.string().max(8192).optional() });
