import "server-only";
import { BusyError, MissingError, RefusedError } from "@/lib/audit/act";
import { AuditError } from "@/lib/audit/entry";
import { ForbiddenError } from "@/lib/auth/authorize";
import { DynamoUnavailableError } from "@/lib/dynamo/unavailable";
import { CursorError } from "@/lib/http/cursor";
import { RateLimitedError } from "@/lib/limits/rate-limit";

/** RFC 9457 problem details, as every /api/v1/ error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For validation problems: each field at fault, e.g. `query.limit`, `body.reason`. */
  errors?: { path: string; message: string }[];
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const type = (slug: string) => `urn:gatehouse:problem:${slug}`;

/** Thrown by the pipeline itself: no key, a bad key, an unknown resource, bad input. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    message: string,
    readonly errors?: Problem["errors"],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const unauthenticated = (detail: string) => new ApiError(401, "unauthenticated", "Unauthenticated", detail);
export const notFound = (detail: string) => new ApiError(404, "not-found", "Not found", detail);
export const invalidRequest = (errors: NonNullable<Problem["errors"]>) =>
  new ApiError(400, "invalid-request", "Invalid request", errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);

export interface ProblemAnswer {
  problem: Problem;
  headers: Record<string, string>;
}

/**
 * What a thrown error becomes. Our own errors keep their messages (the console shows the same);
 * anything unexpected is a 500 without a word of its own (its text can quote a key).
 */
export function problemFor(error: unknown): ProblemAnswer {
  const answer = (
    status: number,
    slug: string,
    title: string,
    detail: string,
    extra: Partial<Problem> = {},
    headers: Record<string, string> = {},
  ): ProblemAnswer => ({
    problem: { type: type(slug), title, status, detail, ...extra },
    headers,
  });
  if (error instanceof ApiError) {
    const headers: Record<string, string> = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="gatehouse"' } : {};
    return answer(error.status, error.slug, error.title, error.message, error.errors ? { errors: error.errors } : {}, headers);
  }
  if (error instanceof CursorError)
    return answer(400, "invalid-request", "Invalid request", `query.cursor: ${error.message}`, { errors: [{ path: "query.cursor", message: error.message }] });
  if (error instanceof ForbiddenError) return answer(403, "forbidden", "Forbidden", error.message);
  if (error instanceof BusyError)
    return answer(409, error.problem.type, error.problem.title, error.message, {}, { "Retry-After": String(error.retryAfterSeconds) });
  if (error instanceof MissingError) return answer(404, "not-found", "Not found", error.message);
  if (error instanceof RefusedError) return answer(409, "refused", "Refused", error.message);
  if (error instanceof RateLimitedError)
    return answer(429, "rate-limited", "Too many requests", error.message, {}, { "Retry-After": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) });
  if (error instanceof DynamoUnavailableError)
    return answer(
      503,
      "dynamodb-unavailable",
      "Service unavailable",
      "DynamoDB is unreachable. Nothing was changed; try again in a few seconds.",
      {},
      { "Retry-After": "5" },
    );
  if (error instanceof AuditError) return answer(503, "audit-unavailable", "Service unavailable", error.message, {}, { "Retry-After": "5" });
  return answer(500, "internal", "Internal error", "The request failed on the server. Nothing is left half-done: run it again to finish.");
}

export function problemResponse(error: unknown, requestId?: string): Response {
  const { problem, headers } = problemFor(error);
  if (problem.status >= 500 && !(error instanceof DynamoUnavailableError)) {
    console.error(`[api] request ${requestId ?? "?"} failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
  }
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers },
  });
}
