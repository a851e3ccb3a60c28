import { z } from "zod";

/** What the palette gets back: where to go, or why nothing was found. */
export const quickFindResultSchema = z.discriminatedUnion("found", [
  z.object({ found: z.literal(true), href: z.string(), what: z.string() }),
  z.object({ found: z.literal(false), message: z.string() }),
]);
export type QuickFindResult = z.infer<typeof quickFindResultSchema>;
