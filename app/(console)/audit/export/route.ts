import type { NextRequest } from "next/server";
import type { AuditEntry } from "@/lib/audit/entry";
import { ForbiddenError } from "@/lib/auth/authorize";
import { currentOperator } from "@/lib/auth/operator";
import { auditDays, listAudit } from "@/lib/features/audit/server";
import { CROSS_SITE_DOWNLOAD, isCrossSiteRequest } from "@/lib/http/same-origin";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { auditCsv } from "../csv";
import { parseAuditFilters, rawAuditFilters } from "../filters";

/** An export stops here; narrow the dates for more. */
const MAX_ROWS = 10_000;

function text(status: number, body: string) {
  return new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** The filtered audit log as CSV: the same query parameters as /audit, every page of it, newest first. */
export async function GET(request: NextRequest) {
  if (isCrossSiteRequest(request)) return text(403, CROSS_SITE_DOWNLOAD);
  const operator = await currentOperator();
  if (!operator) return text(401, "Sign in to Gatehouse first.");
  const parsed = parseAuditFilters(rawAuditFilters(request.nextUrl.searchParams));
  if (!parsed.success) return text(400, `These filters can't be used: ${parsed.problems.join(" ")}`);

  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  try {
    do {
      const page = await listAudit(operator, parsed.filters, { pageSize: 100, cursor });
      entries.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && entries.length < MAX_ROWS);
  } catch (error) {
    if (error instanceof ForbiddenError) return text(403, error.message);
    if (error instanceof RateLimitedError) {
      const response = text(429, error.message);
      response.headers.set("retry-after", String(error.retryAfterSeconds));
      return response;
    }
    throw error;
  }
  const truncated = entries.length > MAX_ROWS || (cursor !== undefined && entries.length >= MAX_ROWS);

  const days = auditDays(parsed.filters);
  const today = new Date().toISOString().slice(0, 10);
  const from = days.at(-1) ?? parsed.filters.from ?? today;
  const to = days[0] ?? parsed.filters.to ?? today;
  return new Response(auditCsv(entries.slice(0, MAX_ROWS)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gatehouse-audit-${from}-${to}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-gatehouse-rows": String(Math.min(entries.length, MAX_ROWS)),
      ...(truncated ? { "x-gatehouse-truncated": `stopped at ${MAX_ROWS} rows` } : {}),
    },
  });
}
