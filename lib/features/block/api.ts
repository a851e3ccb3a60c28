import "server-only";
import { z } from "zod";
import { optionalReason as optionalReasonSchema } from "@/lib/actions/fields";
import { notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { dryRun, outcomeBody, outcomeSchema, reason, userId } from "@/lib/api/v1/schemas";
import { previewBlockUser, previewUnblockUser } from "@/lib/features/block/dry-run";
import { blockDurationValues } from "@/lib/features/block/durations";
import { blockViewSchema as blockSchema } from "@/lib/features/block/schema";
import { blockUser, unblockUser } from "@/lib/features/block/server";

const who = z.object({ id: z.string(), email: z.string().nullable() });

export const blockUserRoute = defineRoute({
  method: "POST",
  path: "/api/v1/users/{id}/block",
  operationId: "blockUser",
  summary: "Block a user",
  description:
    "As the console's Block user: stamps the block (and gatehouseRevokedAt) on the user item and deletes their sessions; gatehouse-guard refuses their sign-ins. `for` takes the durations the dialog offers. `dryRun: true` returns the dialog's text and changes nothing.",
  scope: "users:write",
  params: z.object({ id: userId }),
  body: z.object({ for: z.enum(blockDurationValues, "one of 1h, 24h, 7d, 30d, permanent"), reason, dryRun }),
  response: z.discriminatedUnion("dryRun", [
    z.object({
      dryRun: z.literal(true),
      preview: z.object({
        user: who,
        block: blockSchema.nullable().describe("their block now"),
        sessions: z.number().int(),
        guard: z.object({ active: z.boolean(), text: z.string() }),
        title: z.string(),
        description: z.string(),
        lines: z.array(z.string()),
        summary: z.string().describe("the preview the console's Block dialog shows"),
        alreadyBlocked: z.boolean(),
        confirmLabel: z.string(),
      }),
    }),
    outcomeSchema,
  ]),
  handle: async ({ operator, params, body }) => {
    if (body.dryRun) {
      const preview = await previewBlockUser(operator, { userId: params.id, duration: body.for });
      if (!preview) throw notFound(`There is no user ${params.id}.`);
      return { dryRun: true as const, preview };
    }
    return outcomeBody(await blockUser(operator, { userId: params.id, reason: body.reason, duration: body.for }));
  },
});

export const unblockUserRoute = defineRoute({
  method: "POST",
  path: "/api/v1/users/{id}/unblock",
  operationId: "unblockUser",
  summary: "Unblock a user",
  description: "As the console's Unblock: removes the block; sessions it revoked stay revoked. `dryRun: true` returns the dialog's text and changes nothing.",
  scope: "users:write",
  params: z.object({ id: userId }),
  body: z.object({ reason: optionalReasonSchema, dryRun }),
  response: z.discriminatedUnion("dryRun", [
    z.object({
      dryRun: z.literal(true),
      preview: z.object({
        user: who,
        block: blockSchema.nullable(),
        title: z.string(),
        description: z.string(),
        summary: z.string().describe("the preview the console's Unblock dialog shows"),
        blocked: z.boolean(),
      }),
    }),
    outcomeSchema,
  ]),
  handle: async ({ operator, params, body }) => {
    if (body.dryRun) {
      const preview = await previewUnblockUser(operator, params.id);
      if (!preview) throw notFound(`There is no user ${params.id}.`);
      return { dryRun: true as const, preview };
    }
    return outcomeBody(await unblockUser(operator, { userId: params.id, reason: body.reason }));
  },
});
