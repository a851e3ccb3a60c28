import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { cursor, limit, pageSchema, userId } from "@/lib/api/v1/schemas";
import { auditEntrySchema } from "@/lib/features/audit/schema";
import { EXPORT_SCHEMA_VERSION, exportUser } from "@/lib/features/export/server";
import { listUserHistory } from "@/lib/features/users/history";

export const userHistoryRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users/{id}/history",
  operationId: "listUserHistory",
  summary: "What was done to a user (their audit entries), newest first",
  description: "The user page's History: one Query on the audit index by user, a page at a time; charged to the key's read budget like the audit log.",
  scope: "read",
  params: z.object({ id: userId }),
  query: z.object({ cursor, limit }),
  response: z.object({
    entries: z.array(auditEntrySchema),
    ...pageSchema,
    index: z
      .object({ since: z.string(), earlierEntries: z.boolean() })
      .nullable()
      .describe("when indexing by user began; earlierEntries: older entries may be only in /api/v1/audit"),
  }),
  handle: async ({ operator, params, query }) => {
    const page = await listUserHistory(operator, params.id, { pageSize: query.limit, cursor: query.cursor });
    return { entries: page.entries, nextCursor: page.nextCursor, index: page.index };
  },
});

export const exportUserRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users/{id}/export",
  operationId: "exportUser",
  summary: "Everything Gatehouse holds about a user, as one JSON document (streamed)",
  description:
    "The console's Export data, byte for byte: the user item, accounts (tokens reduced to their presence), sessions and sign-in tokens as fingerprints, other items, and history. Audited `export-user` (started before the first byte, finished after the last); the entry's id is in X-Gatehouse-Audit-Id.",
  scope: "users:write",
  auditedByDataLayer: true,
  params: z.object({ id: userId }),
  response: z.looseObject({
    schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
    exportedAt: z.string(),
    table: z.string(),
    userId: z.string(),
    user: z.record(z.string(), z.unknown()),
    accounts: z.array(z.record(z.string(), z.unknown())),
    sessions: z.array(z.object({ fingerprint: z.string(), expires: z.string().nullable(), live: z.boolean() })),
    otherItems: z.array(z.record(z.string(), z.unknown())),
    verificationTokens: z.array(z.object({ identifier: z.string(), fingerprint: z.string(), expires: z.string().nullable() })),
    history: z.array(z.record(z.string(), z.unknown())),
    counts: z.record(z.string(), z.number()),
  }),
  handle: async ({ operator, params }) => {
    const exported = await exportUser(operator, params.id);
    if (!exported) throw notFound(`There is no user ${params.id}.`);
    const filename = exported.filename.replace(/[^\w.-]/g, "_");
    return new Response(exported.body, {
      status: 200,
      headers: {
        "Content-Type": "application/json",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Gatehouse-Audit-Id": exported.auditId,
      },
    });
  },
});
