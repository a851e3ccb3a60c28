import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { bearerToken } from "@/lib/auth/api-key";
import { authenticateApiKey } from "@/lib/auth/api-key-authentication";
import { ForbiddenError } from "@/lib/auth/authorize";
import type { ApiKeyOperator } from "@/lib/auth/principal";
import type { Scope } from "@/lib/auth/roles";
import { serverConfig } from "@/lib/config";
import { BodyTooLargeError, readCappedText } from "@/lib/http/capped-body";
import { hitLimit, RateLimitedError, retryIn } from "@/lib/limits/rate-limit";
import { type ClientLimit, clientOf, countClient, refuseKnownClient } from "./client-limits";
import { invalidRequest, type Problem, problemResponse, unauthenticated } from "./problem";
import { recordApiRead } from "./read-audit";

const empty = z.object({});
type Empty = typeof empty;

export interface ApiRoute<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty, R extends z.ZodType = z.ZodType> {
  method: "GET" | "POST" | "DELETE";
  /** OpenAPI style: `/api/v1/users/{id}`, matching the folder `app/api/v1/users/[id]/`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** A GET whose data layer writes its own audit entry (the export): no `api-read` entry for it. */
  auditedByDataLayer?: true;
  /** The largest request body taken (64 KB unless said): a list job's list is bigger. */
  maxBodyBytes?: number;
  /** The scope the data layer will ask for (it authorizes; this documents it). null: no key needed. */
  scope: Scope | null;
  /** A route that needs no key is limited per client address instead: each request counts against this limit first. */
  clientLimit?: ClientLimit;
  params?: P;
  query?: Q;
  body?: B;
  /** What a 200 holds: the response is serialised through it, so no field it does not name goes out. */
  response: R;
  /**
   * The 200's body. A Response (a streamed download) goes out as it is: only routes whose body is
   * built field by field in the data layer (the export) return one; `response` then documents it.
   */
  handle(input: {
    operator: ApiKeyOperator | null;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    request: Request;
  }): Promise<z.input<R> | Response>;
}

// biome-ignore lint/suspicious/noExplicitAny: one list holds routes of different schemas; handle takes its input contravariantly, so only any admits them all.
export type AnyApiRoute = ApiRoute<any, any, any, any>;

/** Every /api/v1/ route, in the order defined: the OpenAPI document is built from this list. */
export const apiRoutes: AnyApiRoute[] = [];

export interface RouteContext {
  params?: Promise<Record<string, string | string[] | undefined>>;
}

const MAX_BODY_BYTES = 64 * 1024;

const issuesAt = (where: string, error: z.ZodError): NonNullable<Problem["errors"]> =>
  error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join("."), message: issue.message }));

function parse<S extends z.ZodType>(schema: S | undefined, where: string, value: unknown): z.output<S> {
  const result = (schema ?? empty).safeParse(value);
  if (!result.success) throw invalidRequest(issuesAt(where, result.error));
  return result.data as z.output<S>;
}

/** The body read no further than `max` bytes (not characters): an oversized one never sits whole in memory. */
async function readBody(request: Request, max = MAX_BODY_BYTES): Promise<unknown> {
  let text: string;
  try {
    text = await readCappedText(request, max);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw invalidRequest([{ path: "body", message: `at most ${max} bytes` }]);
    throw error;
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest([{ path: "body", message: "not valid JSON" }]);
  }
}

/**
 * The key behind the request, within its rate limit; console cookies are not accepted here. A key
 * that costs a lookup and fails (unknown, revoked, expired) counts against its client address
 * (api-auth); an address known to be over that limit is refused before its key is looked up.
 */
async function authenticate(request: Request): Promise<ApiKeyOperator> {
  const client = clientOf(request);
  refuseKnownClient("api-auth", client);
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) throw unauthenticated("Send an API key: Authorization: Bearer gh_… (create one at /settings/api-keys).");
  const result = await authenticateApiKey(token);
  if (!result.ok) {
    if (result.reason !== "malformed") await countClient("api-auth", client);
    const why = { malformed: "is not a Gatehouse API key", unknown: "is not known", revoked: "has been revoked", expired: "has expired" }[result.reason];
    throw unauthenticated(`This API key ${why}.`);
  }
  const verdict = await hitLimit("api-key", result.operator.keyId);
  if (!verdict.allowed) {
    const limit = serverConfig().rateLimits["api-key"];
    if (!limit) throw new Error("api-key: refused by a limit that is off");
    throw new RateLimitedError(
      `This API key made ${limit.max} requests in ${limit.windowSeconds} seconds, its limit (api-key in GATEHOUSE_RATE_LIMITS); try again ${retryIn(verdict.retryAfterSeconds)}.`,
      verdict.retryAfterSeconds,
    );
  }
  return result.operator;
}

/** `dryRun: true` in the body, or else in the query (the body wins, as DELETE /api/v1/users/{id} takes it). */
function isDryRun(query: unknown, body: unknown): boolean {
  const flag = (body as { dryRun?: unknown } | undefined)?.dryRun ?? (query as { dryRun?: unknown } | undefined)?.dryRun;
  return flag === true;
}

/**
 * Defines an /api/v1/ route and registers it for the OpenAPI document; the result is the
 * route file's handler. The pipeline: authenticate (Bearer key, hash lookup; failures limited
 * per client address), rate-limit per key (a route without a key: per client address), validate
 * params, query and body with the route's zod schemas (400 naming the field), run, serialise
 * through the response schema; any error becomes application/problem+json.
 */
export function defineRoute<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty, R extends z.ZodType = z.ZodType>(
  route: ApiRoute<P, Q, B, R>,
) {
  apiRoutes.push(route as AnyApiRoute);
  const handler = async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = randomUUID();
    let operator: ApiKeyOperator | null = null;
    // Reads get a collapsed api-read entry: GETs, and dry runs, which return user data too.
    let readAs: { method: string; path: string } | null = route.method === "GET" && !route.auditedByDataLayer ? route : null;
    try {
      if (route.clientLimit) await countClient(route.clientLimit, clientOf(request));
      operator = route.scope === null ? null : await authenticate(request);
      // Next passes no params for a route without dynamic segments.
      const params = parse(route.params, "params", (await context?.params) ?? {});
      const query = parse(route.query, "query", Object.fromEntries(new URL(request.url).searchParams));
      const body = route.method !== "GET" ? parse(route.body, "body", await readBody(request, route.maxBodyBytes)) : (undefined as z.output<B>);
      if (isDryRun(query, body)) readAs = { method: route.method, path: `${route.path} (dry run)` };
      const result = await route.handle({ operator, params, query, body, request });
      if (operator && readAs) await recordApiRead(operator, readAs);
      if (result instanceof Response) {
        result.headers.set("X-Request-Id", requestId);
        return result;
      }
      return new Response(JSON.stringify(route.response.parse(result)), {
        status: 200,
        headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Request-Id": requestId },
      });
    } catch (error) {
      if (operator && readAs && error instanceof ForbiddenError) await recordApiRead(operator, readAs, "refused");
      const response = problemResponse(error, requestId);
      response.headers.set("X-Request-Id", requestId);
      return response;
    }
  };
  return Object.assign(handler, { route });
}
