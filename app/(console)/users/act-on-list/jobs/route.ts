import type { NextRequest } from "next/server";
import { currentOperator } from "@/lib/auth/operator";
import { attemptListJob, type ListJobActionResult } from "@/lib/features/list-jobs/result";
import { createListJobSchema } from "@/lib/features/list-jobs/schema";
import { createListJob } from "@/lib/features/list-jobs/server";
import { BodyTooLargeError, readCappedText } from "@/lib/http/capped-body";
import { isSameOriginRequest } from "@/lib/http/same-origin";

/**
 * The whole list a job takes: 10,000 entries of up to 254 characters is about 2.6 MB of JSON.
 * Server actions keep Next's 1 MB; this upload is the one request that needs more.
 */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

function answer(status: number, body: ListJobActionResult<object>, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}
const refuse = (status: number, error: string, extra: { refused?: boolean } = {}) => answer(status, { ok: false, error, ...extra });

/**
 * Act on a list: creates the job from the page's list (its list stored, its batch audit entry
 * opened; no user is touched until its first step). Authorized in the data layer as the action
 * was (createListJob: admin, step-up for delete); from the console's own page only, as Next
 * checks for actions; the body is read up to MAX_UPLOAD_BYTES and no further.
 */
export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request))
    return refuse(403, "Act on a list only runs from the console's own page: this request came from another site, so nothing was created.", { refused: true });
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) return refuse(415, "Send the list as application/json.");
  const operator = await currentOperator();
  if (!operator) return refuse(401, "Sign in to Gatehouse first.");

  let text: string;
  try {
    text = await readCappedText(request, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return refuse(413, "The list is too large: the upload takes at most 4 MB (10,000 entries of up to 254 characters).");
    throw error;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return refuse(400, "The upload is not valid JSON.");
  }
  const parsed = createListJobSchema.safeParse(input);
  if (!parsed.success) return refuse(400, parsed.error.issues[0]?.message ?? "Invalid input.");

  const { action, entries, reason, duration } = parsed.data;
  const result = await attemptListJob(async () => ({
    job: await createListJob(operator, { action, entries, reason, duration: action === "block" ? duration : undefined }),
  }));
  if (result.ok) return answer(200, result);
  if (result.refused) return answer(403, result);
  if (result.retryAfterSeconds !== undefined) return answer(429, result, { "retry-after": String(result.retryAfterSeconds) });
  return answer(503, result);
}
