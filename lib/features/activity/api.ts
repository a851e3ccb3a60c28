import "server-only";
import { z } from "zod";
import { invalidRequest } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { cursor, limit, pageSchema } from "@/lib/api/v1/schemas";
import { activityEventSchema, activityFilterSchema, statsRangeSchema } from "./schema";
import { activityFigures, listActivity } from "./server";

const issues = (error: z.ZodError) => invalidRequest(error.issues.map((i) => ({ path: ["query", ...i.path.map(String)].join("."), message: i.message })));

export const listActivityRoute = defineRoute({
  method: "GET",
  path: "/api/v1/activity",
  operationId: "listActivity",
  summary: "Product activity, newest first",
  description:
    "Events read from the product table's stream (sign-ups, sign-ins, sessions, magic links, accounts, blocks), newest first. Filters: type, provider, user (an id: one index Query a page), email (its magic links and its user's events), from and to as YYYY-MM-DD. Tokens appear only as fingerprints; an account only as its provider and id. `by` says whether the product, Gatehouse (with `auditId`) or DynamoDB's TTL did it.",
  scope: "read",
  query: z.object({ ...activityFilterSchema.shape, cursor, limit }),
  response: z.object({ events: z.array(activityEventSchema), ...pageSchema, stopped: z.object({ day: z.string() }).nullable() }),
  handle: async ({ operator, query }) => {
    const { cursor: at, limit: pageSize, ...filters } = query;
    const checked = activityFilterSchema.safeParse(filters);
    if (!checked.success) throw issues(checked.error);
    const page = await listActivity(operator, checked.data, { pageSize, cursor: at });
    return { events: page.events, nextCursor: page.nextCursor, stopped: page.stopped };
  },
});

export const statsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/stats",
  operationId: "getStats",
  summary: "Daily activity figures",
  description:
    "The daily figures from `from` to `to` (YYYY-MM-DD, by default the last 30 days, at most 366): events, signUps, signIns and signIns:<provider>, sessionsCreated, sessionsEnded, sessionsExpired, linksRequested, linksUsed, linksExpired, accountsLinked, accountsUnlinked, dau; and each month's mau. One Query.",
  scope: "read",
  query: statsRangeSchema,
  response: z.object({
    from: z.string(),
    to: z.string(),
    days: z.array(z.object({ day: z.string(), figures: z.record(z.string(), z.number()) })),
    months: z.array(z.object({ month: z.string(), mau: z.number() })),
    providers: z.array(z.string()).describe("sign-in providers seen in the range, most sign-ins first"),
  }),
  handle: async ({ operator, query }) => {
    const checked = statsRangeSchema.safeParse(query);
    if (!checked.success) throw issues(checked.error);
    const { meter: _meter, ...figures } = await activityFigures(operator, checked.data);
    return figures;
  },
});
