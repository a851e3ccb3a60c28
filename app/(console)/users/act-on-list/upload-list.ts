import type { ListJobActionResult, ListJobStatus } from "@/lib/features/list-jobs/status";

export type UploadListInput = { action: string; entries: string[]; reason: string; duration?: string };

/**
 * Creates the job through its route (jobs/route.ts), not a server action: the list can be
 * 2.6 MB and actions keep Next's 1 MB limit. Answers as the action did; what is not the
 * route's JSON (the sign-in page after a redirect, the outage page) becomes a message.
 */
export async function uploadListJob(input: UploadListInput): Promise<ListJobActionResult<{ job: ListJobStatus }>> {
  const response = await fetch("/users/act-on-list/jobs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
    credentials: "same-origin",
  });
  if (response.redirected) return { ok: false, error: "Your Gatehouse session has ended: sign in again, then create the job." };
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) {
    return {
      ok: false,
      error:
        response.status === 503
          ? "DynamoDB is unreachable. Nothing was changed; try again in a few seconds."
          : `The server answered ${response.status}; nothing was created.`,
    };
  }
  return (await response.json()) as ListJobActionResult<{ job: ListJobStatus }>;
}
