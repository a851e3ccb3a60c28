import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { dryRun, fingerprint, outcomeBody, outcomeSchema, reason, userId } from "@/lib/api/v1/schemas";
import { previewRevokeAllSessions, previewRevokeSession } from "@/lib/features/revoke/dry-run";
import { revokeSession, revokeUserSessions } from "@/lib/features/revoke/server";

const preview = z.object({
  user: z.object({ id: z.string(), email: z.string().nullable() }),
  sessions: z.number().int(),
  fingerprints: z.array(z.string()),
  guardActive: z.boolean(),
  summary: z.string().describe("the preview the console's Revoke all sessions dialog shows"),
});

export const revokeAllSessionsRoute = defineRoute({
  method: "POST",
  path: "/api/v1/users/{id}/sessions/revoke-all",
  operationId: "revokeAllSessions",
  summary: "Revoke all of a user's sessions",
  description: "Signs the user out everywhere, as the console's Revoke all sessions. `dryRun: true` returns the dialog's preview and changes nothing.",
  scope: "sessions:write",
  params: z.object({ id: userId }),
  body: z.object({ reason, dryRun }),
  response: z.discriminatedUnion("dryRun", [
    z.object({ dryRun: z.literal(true), preview }),
    // Revoking restores nothing through Undo, so its outcome has no undoUntil.
    outcomeSchema.omit({ undoUntil: true }),
  ]),
  handle: async ({ operator, params, body }) => {
    if (body.dryRun) {
      const preview = await previewRevokeAllSessions(operator, params.id);
      if (!preview) throw notFound(`There is no user ${params.id}.`);
      return { dryRun: true as const, preview };
    }
    // Like the console's: audited (refusals too), and a user without a user item can still have sessions to end.
    const outcome = await revokeUserSessions(operator, { userId: params.id, reason: body.reason });
    return outcomeBody(outcome);
  },
});

export const revokeSessionRoute = defineRoute({
  method: "POST",
  path: "/api/v1/users/{id}/sessions/{fingerprint}/revoke",
  operationId: "revokeSession",
  summary: "Revoke one session, named by its fingerprint",
  description:
    "As the console's Revoke on a session row: the browser holding it is signed out on its next request; one already gone is not an error. The session is named by the fingerprint GET /api/v1/users/{id}/sessions lists; no token is accepted or returned. `dryRun: true` returns the dialog's preview and changes nothing; for a session already gone it says so (`alreadyRevoked: true`, `session: null`), as the real call answers ok \"already revoked\". 404 only for an unknown user.",
  scope: "sessions:write",
  params: z.object({ id: userId, fingerprint }),
  body: z.object({ dryRun }),
  response: z.discriminatedUnion("dryRun", [
    z.object({
      dryRun: z.literal(true),
      preview: z.object({
        user: z.object({ id: z.string(), email: z.string().nullable() }),
        session: z
          .object({ fingerprint: z.string(), expires: z.number().nullable(), live: z.boolean() })
          .nullable()
          .describe("null: the user has no such session (any more)"),
        alreadyRevoked: z.boolean().describe("true: the session is gone already; the real call would change nothing"),
        summary: z.string().describe("the preview the console's Revoke dialog shows, or that there is nothing to do"),
      }),
    }),
    outcomeSchema,
  ]),
  handle: async ({ operator, params, body }) => {
    const ref = { userId: params.id, fingerprint: params.fingerprint };
    if (body.dryRun) {
      const preview = await previewRevokeSession(operator, ref);
      if (!preview) throw notFound(`There is no user ${params.id}.`);
      return { dryRun: true as const, preview };
    }
    return outcomeBody(await revokeSession(operator, ref));
  },
});
