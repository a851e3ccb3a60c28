import type { DynamoDB } from "@aws-sdk/client-dynamodb";
import { dynamoIsDown, markDynamoDown, markDynamoUp } from "./breaker";
import { DYNAMO_UNAVAILABLE_DIGEST } from "./unavailable-digest";

/**
 * DynamoDB did not answer at all (connection refused or reset, DNS, timeouts), as opposed to
 * answering with an error. Deliberately without `cause`: the SDK's retry strategy follows
 * `cause`, and this error must not be retried.
 */
export class DynamoUnavailableError extends Error {
  readonly digest = DYNAMO_UNAVAILABLE_DIGEST;
  constructor(readonly detail?: string) {
    super("DynamoDB is unreachable.");
    this.name = "DynamoUnavailableError";
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const TIMEOUT_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

/** True when `error` means no HTTP answer came back. Any HTTP answer, even an error, means DynamoDB is reachable. */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (error instanceof DynamoUnavailableError) return true;
  const { code, $metadata } = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  if ($metadata?.httpStatusCode) return false;
  if ((code && NETWORK_CODES.has(code)) || TIMEOUT_NAMES.has(error.name)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isConnectionFailure(inner, depth + 1))) return true;
  return isConnectionFailure(error.cause, depth + 1);
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}${(error as { code?: string }).code ? ` ${(error as { code?: string }).code}` : ""}: ${error.message}`
    : String(error);
}

/**
 * Makes a client report reachability to the process-wide breaker. Per attempt (inside the
 * SDK's retries): any HTTP answer closes it, a connection failure opens it (`onDown` then
 * starts probing). While it is open, attempts fail at once (`failFast`) instead of each
 * retrying with backoff into a dead endpoint. Around the whole call, connection failures
 * become a DynamoUnavailableError, which pages and actions can recognise.
 */
export function trackAvailability(raw: DynamoDB, options: { failFast: boolean; onDown?: () => void }) {
  raw.middlewareStack.add(
    (next) => async (args) => {
      if (options.failFast && dynamoIsDown()) throw new DynamoUnavailableError("the breaker is open");
      try {
        const result = await next(args);
        markDynamoUp();
        return result;
      } catch (error) {
        if (!isConnectionFailure(error)) {
          // An HTTP error answer still proves DynamoDB is there.
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) markDynamoUp();
          throw error;
        }
        if (markDynamoDown()) {
          console.error(`[dynamo] DynamoDB is unreachable (${describe(error)}); probing every few seconds`);
          options.onDown?.();
        }
        throw error;
      }
    },
    { step: "deserialize", priority: "low", name: "gatehouseAvailabilityAttempt" },
  );
  raw.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isConnectionFailure(error) && !(error instanceof DynamoUnavailableError)) throw new DynamoUnavailableError(describe(error));
        throw error;
      }
    },
    { step: "initialize", priority: "high", name: "gatehouseAvailability" },
  );
}
