import "server-only";
import { z } from "zod";
import { invalidRequest, notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { outcomeBody, outcomeSchema, reason, userId } from "@/lib/api/v1/schemas";
import { previewDeleteUser } from "@/lib/features/delete-user/dry-run";
import { deleteUser } from "@/lib/features/delete-user/server";

export const deleteUserRoute = defineRoute({
  method: "DELETE",
  path: "/api/v1/users/{id}",
  operationId: "deleteUser",
  summary: "Delete a user and everything that hangs off them",
  description:
    "As the console's Delete user: the user, their accounts, sessions, other items and sign-in tokens go; the profile and accounts can be restored from the audit log for 7 days. `reason` and `dryRun` come in the body or the query (`?reason=…&dryRun=true`); the body wins. `dryRun: true` returns the dialog's text and counts of what would go, and changes nothing.",
  scope: "users:write",
  params: z.object({ id: userId }),
  query: z.object({
    reason: reason.optional(),
    dryRun: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  }),
  // No default here: an absent body dryRun must leave the query's in force.
  body: z.object({
    reason: reason.optional(),
    dryRun: z.boolean().optional().describe("true: return the console dialog's preview and change nothing; a read, so it needs the read scope too"),
  }),
  response: z.discriminatedUnion("dryRun", [
    z.object({
      dryRun: z.literal(true),
      preview: z.object({
        user: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() }),
        providers: z.array(z.string()),
        counts: z
          .object({ accounts: z.number().int(), sessions: z.number().int(), verificationTokens: z.number().int(), other: z.number().int() })
          .describe("what would go"),
        title: z.string(),
        description: z.string(),
        lines: z.array(z.string()).describe("the preview the console's Delete user dialog shows"),
        warning: z.string(),
      }),
    }),
    outcomeSchema,
  ]),
  handle: async ({ operator, params, query, body }) => {
    const why = body.reason ?? query.reason;
    if (!why)
      throw invalidRequest([
        { path: "body.reason", message: "Give a reason (at least 3 characters), in the body or as ?reason=; it goes into the audit log." },
      ]);
    if (body.dryRun ?? query.dryRun ?? false) {
      const preview = await previewDeleteUser(operator, params.id);
      if (!preview) throw notFound(`There is no user ${params.id}.`);
      return { dryRun: true as const, preview };
    }
    return outcomeBody(await deleteUser(operator, { userId: params.id, reason: why }));
  },
});
