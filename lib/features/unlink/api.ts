import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { dryRun, outcomeBody, outcomeSchema, userId } from "@/lib/api/v1/schemas";
import { previewUnlinkAccount } from "@/lib/features/unlink/dry-run";
import { unlinkAccount } from "@/lib/features/unlink/server";

export const unlinkAccountRoute = defineRoute({
  method: "POST",
  path: "/api/v1/users/{id}/accounts/unlink",
  operationId: "unlinkAccount",
  summary: "Unlink one of a user's accounts",
  description:
    "As the console's Unlink: the account item goes (kept as a tombstone for undo from the audit log). When it is the user's last way to sign in, `confirmEmail` must be their email, or the call is refused (409). `dryRun: true` returns the dialog's text, with the last-way-in warning, and changes nothing.",
  scope: "accounts:write",
  params: z.object({ id: userId }),
  body: z.object({
    provider: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "a provider id, as GET /api/v1/users/{id}/accounts lists it"),
    providerAccountId: z.string().min(1).max(200),
    reason: z.string().trim().max(500).optional(),
    confirmEmail: z.string().trim().max(254).optional().describe("the user's email, required when this is their last way to sign in"),
    dryRun,
  }),
  response: z.discriminatedUnion("dryRun", [
    z.object({
      dryRun: z.literal(true),
      preview: z.object({
        user: z.object({ id: z.string(), email: z.string().nullable() }),
        account: z.object({ provider: z.string(), providerAccountId: z.string() }),
        title: z.string(),
        description: z.string(),
        summary: z.string().describe("the preview the console's Unlink dialog shows"),
        lastWayIn: z.boolean(),
        warning: z.string().nullable().describe("the dialog's last-way-to-sign-in warning"),
        confirmEmailRequired: z.boolean(),
        refused: z.boolean().describe("true: the last way in of a user without an email, which cannot be unlinked"),
      }),
    }),
    outcomeSchema,
  ]),
  handle: async ({ operator, params, body }) => {
    const request = { userId: params.id, provider: body.provider, providerAccountId: body.providerAccountId };
    if (body.dryRun) {
      const preview = await previewUnlinkAccount(operator, request);
      if (!preview) throw notFound(`User ${params.id} has no ${body.provider} account ${body.providerAccountId}.`);
      return { dryRun: true as const, preview };
    }
    return outcomeBody(await unlinkAccount(operator, { ...request, reason: body.reason || null, confirmEmail: body.confirmEmail }));
  },
});
