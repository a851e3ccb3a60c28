import type { NextRequest } from "next/server";
import { AuditError } from "@/lib/audit/entry";
import { ForbiddenError } from "@/lib/auth/authorize";
import { currentOperator } from "@/lib/auth/operator";
import { exportUser } from "@/lib/features/export/server";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { isPlausibleId } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";

function text(status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

/**
 * A GET exports nothing: a link or an <img> on any site would send the admin's cookie with it and
 * start an audited export in their name. The user page posts a form instead.
 */
export function GET() {
  return text(405, "Export data is a POST from the user page's Export data button; a link cannot start it.", { allow: "POST" });
}

/**
 * Export data: one JSON document about one user, streamed as it is read (lib/features/export/server.ts).
 * Only from the console's own page (Origin / Sec-Fetch-Site), checked before anything is read or audited.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOriginRequest(request))
    return text(403, "Export data only runs from the console's own page: this request came from another site, so nothing was exported.");
  const operator = await currentOperator();
  if (!operator) return text(401, "Sign in to Gatehouse first.");
  let id: string;
  try {
    id = decodeURIComponent((await params).id);
  } catch {
    return text(400, "That is not a user id.");
  }
  if (!isPlausibleId(id)) return text(400, "That is not a user id.");
  let exported: Awaited<ReturnType<typeof exportUser>>;
  try {
    exported = await exportUser(operator, id);
  } catch (error) {
    if (error instanceof ForbiddenError) return text(403, error.message);
    if (error instanceof RateLimitedError) return text(429, error.message, { "retry-after": String(error.retryAfterSeconds) });
    if (error instanceof AuditError) return text(503, error.message);
    throw error;
  }
  if (!exported) return text(404, "There is no user with this id.");
  // Ids are printable but may hold anything; the header gets a safe spelling of it.
  const filename = exported.filename.replace(/[^\w.-]/g, "_");
  return new Response(exported.body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-gatehouse-audit-id": exported.auditId,
    },
  });
}
