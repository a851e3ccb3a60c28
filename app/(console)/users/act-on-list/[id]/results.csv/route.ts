import type { NextRequest } from "next/server";
import { ForbiddenError } from "@/lib/auth/authorize";
import { currentOperator } from "@/lib/auth/operator";
import { RESULT_CSV_HEADER, resultsCsv } from "@/lib/features/list-jobs/outcomes";
import { allJobResults } from "@/lib/features/list-jobs/results";
import { getListJob } from "@/lib/features/list-jobs/server";
import { CROSS_SITE_DOWNLOAD, isCrossSiteRequest } from "@/lib/http/same-origin";

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(status: number, body: string) {
  return new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** A list job's results as CSV (entry, user, outcome, message; nothing secret), streamed page by page as DynamoDB returns them. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  if (isCrossSiteRequest(request)) return text(403, CROSS_SITE_DOWNLOAD);
  const operator = await currentOperator();
  if (!operator) return text(401, "Sign in to Gatehouse first.");
  const { id } = await params;
  if (!JOB_ID.test(id)) return text(400, "That is not a list job id.");
  let job: Awaited<ReturnType<typeof getListJob>>;
  try {
    job = await getListJob(operator, id);
  } catch (error) {
    if (error instanceof ForbiddenError) return text(403, error.message);
    throw error;
  }
  if (!job) return text(404, `There is no list job ${id} (jobs are kept for 30 days).`);

  const pages = allJobResults(operator, id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(RESULT_CSV_HEADER));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(resultsCsv(next.value)));
      } catch (error) {
        // The download ends short (the browser says it failed) rather than looking complete.
        console.error("[list-job-csv]", error instanceof Error ? error.message : error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gatehouse-list-job-${id}-results.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-gatehouse-rows": String(job.processed),
    },
  });
}
