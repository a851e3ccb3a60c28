import "server-only";
import { actorOf } from "@/lib/audit/entry";
import { recordCollapsedAuditEvent } from "@/lib/audit/writer";
import type { ApiKeyOperator } from "@/lib/auth/principal";
import { requestContext } from "@/lib/auth/request-context";

/**
 * A read through the API, audited with the key's id and name: one collapsed `api-read` entry
 * per key, route and hour, whose `attempts` counts the calls, so a flood of reads cannot grow
 * the log. The route is named by its template (`GET /api/v1/users/{id}`), never by the ids or
 * emails it was called with; mutations are audited by the data layer instead. A read refused
 * for want of its scope (403) gets an entry of its own, `refused`, collapsed the same way.
 */
export async function recordApiRead(operator: ApiKeyOperator, route: { method: string; path: string }, result: "ok" | "refused" = "ok") {
  const name = `${route.method} ${route.path}`;
  const subject = `${operator.keyId} ${name}${result === "refused" ? " refused" : ""}`;
  await recordCollapsedAuditEvent(
    { ...actorOf(operator), kind: "api-key" },
    await requestContext(),
    "api-read",
    { apiKeyId: operator.keyId, apiKeyName: operator.name },
    subject,
    new Date(),
    name,
    result,
  );
}
