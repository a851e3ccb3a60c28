import { z } from "zod";

export const createUserSchema = z.object({
  email: z.string().trim().min(1, "Enter an email address.").max(254, "An email address has at most 254 characters."),
  name: z.string().trim().max(200, "A name has at most 200 characters.").optional(),
});
