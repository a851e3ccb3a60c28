import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { cursor, limit, pageSchema, userId } from "@/lib/api/v1/schemas";
import type { ApiKeyOperator } from "@/lib/auth/principal";
import { accountRowSchema } from "@/lib/features/accounts/schema";
import { sessionRowSchema } from "@/lib/features/sessions/schema";
import { getUserDetail, type UserDetail } from "@/lib/features/users/detail";
import { userRowSchema } from "@/lib/features/users/schema";
import { listUsers, lookUpUser, lookUpUserRow, SEARCH_STEP, searchUsers } from "@/lib/features/users/server";

const userResponse = z.object({
  user: userRowSchema,
  counts: z.object({ accounts: z.number().int(), sessions: z.number().int(), verificationTokens: z.number().int() }),
});

async function detailOf(operator: ApiKeyOperator | null, id: string): Promise<UserDetail> {
  const detail = await getUserDetail(operator, id);
  if (!detail) throw notFound(`There is no user ${id}.`);
  return detail;
}

const userBody = (detail: UserDetail) => ({
  user: detail.user,
  counts: { accounts: detail.accounts.length, sessions: detail.sessions.length, verificationTokens: detail.tokens.length },
});

export const listUsersRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users",
  operationId: "listUsers",
  summary: "List users",
  description: "Every user, a page at a time (a Scan with a projection, as /users).",
  scope: "read",
  query: z.object({ cursor, limit }),
  response: z.object({ users: z.array(userRowSchema), ...pageSchema }),
  handle: async ({ operator, query }) => {
    const page = await listUsers(operator, { pageSize: query.limit, cursor: query.cursor });
    return { users: page.rows, nextCursor: page.nextCursor };
  },
});

export const searchUsersRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users/search",
  operationId: "searchUsers",
  summary: "Search users by email, id, or text in their email or name",
  description: `As the /users search box. Text that could be an exact email (it has an @) or a user id (no spaces) is looked up first, in one request (GSI1 Query, or GetItem): found, that user is the only result (\`match\`: email or id). Anything else, or an exact lookup that finds no one, is a "contains" Scan over email and name that reads ${SEARCH_STEP} items per call (\`match\`: contains): \`scanned\` is how many items the search has read so far, \`done\` whether it reached the end of the table; pass \`nextCursor\` for the next step. Each step counts against the key's read budget (read-units), and a key runs one such scan at a time (429 otherwise).`,
  scope: "read",
  query: z.object({ q: z.string().trim().min(1, "the text to search for").max(200), cursor }),
  response: z.object({
    users: z.array(userRowSchema),
    match: z.enum(["email", "id", "contains"]).describe("how the users were found"),
    scanned: z.number().int().describe("items the contains scan has read so far, over every step; 0 for an exact match"),
    done: z.boolean().describe("false: the scan paused; pass nextCursor to go on"),
    ...pageSchema,
  }),
  handle: async ({ operator, query }) => {
    // A next step goes on scanning; the first tries the one-request lookup, as /users does.
    if (!query.cursor && (query.q.includes("@") || !/\s/.test(query.q))) {
      const exact = await lookUpUserRow(operator, query.q);
      if (exact.row) return { users: [exact.row], match: exact.by, scanned: 0, done: true, nextCursor: null };
    }
    const step = await searchUsers(operator, { query: query.q, cursor: query.cursor });
    return { users: step.rows, match: "contains" as const, scanned: step.scanned, done: step.done, nextCursor: step.nextCursor };
  },
});

export const getUserRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users/{id}",
  operationId: "getUser",
  summary: "A user by id",
  scope: "read",
  params: z.object({ id: userId }),
  response: userResponse,
  handle: async ({ operator, params }) => userBody(await detailOf(operator, params.id)),
});

export const getUserByEmailRoute = defineRoute({
  method: "GET",
  // Not under /users/: /users/by-email/{email} read as /users/{id}/<action> too (an ambiguous path);
  // that old address still answers, rewritten here in next.config.ts.
  path: "/api/v1/emails/{email}/user",
  operationId: "getUserByEmail",
  summary: "A user by exact email (GSI1)",
  scope: "read",
  params: z.object({
    email: z
      .string()
      .max(254)
      .regex(/^[^@\s]+@[^@\s]+$/, "an email address"),
  }),
  response: userResponse,
  handle: async ({ operator, params }) => {
    const found = await lookUpUser(operator, params.email);
    if (!found.id) throw notFound(`There is no user with the email ${params.email}.`);
    return userBody(await detailOf(operator, found.id));
  },
});

export const userAccountsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users/{id}/accounts",
  operationId: "listUserAccounts",
  summary: "A user's linked accounts (no tokens)",
  scope: "read",
  params: z.object({ id: userId }),
  response: z.object({ accounts: z.array(accountRowSchema) }),
  handle: async ({ operator, params }) => ({ accounts: (await detailOf(operator, params.id)).accounts }),
});

export const userSessionsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/users/{id}/sessions",
  operationId: "listUserSessions",
  summary: "A user's sessions, by fingerprint",
  scope: "read",
  params: z.object({ id: userId }),
  response: z.object({ sessions: z.array(sessionRowSchema) }),
  handle: async ({ operator, params }) => ({ sessions: (await detailOf(operator, params.id)).sessions }),
});
