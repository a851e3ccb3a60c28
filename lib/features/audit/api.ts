import "server-only";
import { z } from "zod";
import { invalidRequest } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { cursor, limit, pageSchema } from "@/lib/api/v1/schemas";
import { auditEntrySchema, auditFilterSchema } from "@/lib/features/audit/schema";
import { listAudit } from "@/lib/features/audit/server";

export const listAuditRoute = defineRoute({
  method: "GET",
  path: "/api/v1/audit",
  operationId: "listAudit",
  summary: "The audit log, newest first",
  description: "The same filters as /audit (operator, action, target, from, to as YYYY-MM-DD); one Query per day partition, bounded per request.",
  scope: "read",
  query: z.object({ ...auditFilterSchema.shape, cursor, limit }),
  response: z.object({ entries: z.array(auditEntrySchema), ...pageSchema, stopped: z.object({ day: z.string() }).nullable() }),
  handle: async ({ operator, query }) => {
    const { cursor: at, limit: pageSize, ...filters } = query;
    const checked = auditFilterSchema.safeParse(filters);
    if (!checked.success) throw invalidRequest(checked.error.issues.map((i) => ({ path: ["query", ...i.path.map(String)].join("."), message: i.message })));
    const page = await listAudit(operator, checked.data, { pageSize, cursor: at });
    return { entries: page.entries, nextCursor: page.nextCursor, stopped: page.stopped };
  },
});
