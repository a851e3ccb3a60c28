import { z } from "zod";
import { id, reason } from "@/lib/actions/fields";

export const deleteUserSchema = z.object({ userId: id, reason });
