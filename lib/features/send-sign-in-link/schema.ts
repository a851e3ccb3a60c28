import { z } from "zod";
import { id, optionalReason } from "@/lib/actions/fields";

export const sendSignInLinkSchema = z.object({ userId: id, reason: optionalReason });
