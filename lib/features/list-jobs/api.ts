import "server-only";
import { z } from "zod";
import { notFound } from "@/lib/api/problem";
import { defineRoute } from "@/lib/api/route";
import { cursor, dryRun, reason } from "@/lib/api/v1/schemas";
import { blockDurationValues } from "@/lib/features/block/durations";
import { listActions, MAX_ENTRY_LENGTH, MAX_LIST_ENTRIES } from "@/lib/features/list-jobs/entries";
import { entryOutcomes } from "@/lib/features/list-jobs/outcomes";
import { listJobResults } from "@/lib/features/list-jobs/results";
import { createListJob, getListJob, previewListJob } from "@/lib/features/list-jobs/server";
import { DEFAULT_STEP, MAX_STEP, stepListJob } from "@/lib/features/list-jobs/step";

const jobId = z.string().uuid("a list job id (from POST /api/v1/jobs)");
const iso = z.string().describe("ISO 8601 time");

const countsSchema = z.object({ ok: z.number().int(), partial: z.number().int(), failed: z.number().int(), notFound: z.number().int() });

export const jobStatusSchema = z.object({
  id: z.string(),
  action: z.enum(listActions),
  for: z.enum(blockDurationValues).nullable(),
  reason: z.string(),
  state: z.enum(["running", "done"]),
  createdAt: iso,
  createdBy: z.string().describe("the email of the operator, or of the API key's creator"),
  apiKey: z.object({ id: z.string(), name: z.string() }).optional(),
  listFingerprint: z.string().describe("SHA-256 of the normalized list, first 16 hex digits; the list itself is not returned"),
  total: z.number().int(),
  processed: z.number().int(),
  counts: countsSchema,
  writeUnits: z.number().describe("write capacity units the users' actions consumed"),
  writeRequests: z.number().int(),
  elapsedMs: z.number().int().describe("time spent in steps"),
  cursor: z.string().nullable().describe("pass to POST /api/v1/jobs/{id}/step; null once the job is done"),
  auditId: z.string().describe("the job's batch entry in the audit log"),
  message: z.string(),
  auditIncomplete: z.boolean().optional(),
});

const previewSchema = z.object({
  action: z.enum(listActions),
  total: z.number().int(),
  found: z.number().int(),
  notFound: z.array(z.string()),
  alreadyBlocked: z.array(z.string()),
  ignored: z.object({ blank: z.number().int(), duplicate: z.number().int() }),
  listFingerprint: z.string(),
  title: z.string(),
  description: z.string(),
  lines: z.array(z.string()),
  summary: z.string().describe("the preview the console's Act on a list shows"),
  confirmLabel: z.string(),
});

const entries = z
  .array(z.string().max(MAX_ENTRY_LENGTH, `an email or user id of at most ${MAX_ENTRY_LENGTH} characters`))
  .min(1, "at least one email or user id")
  .max(MAX_LIST_ENTRIES, `at most ${MAX_LIST_ENTRIES} entries`)
  .describe("emails or user ids; blank ones and duplicates are ignored");

export const createJobRoute = defineRoute({
  method: "POST",
  path: "/api/v1/jobs",
  operationId: "createListJob",
  summary: "Act on a list: create a job (or preview it)",
  description:
    "As the console's Act on a list: the job applies one action (revoke-all needs sessions:write; block and delete need users:write) to each listed user, in steps (POST /api/v1/jobs/{id}/step). Nothing happens to any user when the job is created. `dryRun: true` resolves every entry and returns the console's preview (found, not found, already blocked): a read, so it needs the read scope too, and its lookups count against the key's read budget (read-units; 429 once spent).",
  scope: "sessions:write",
  maxBodyBytes: 4 * 1024 * 1024,
  body: z
    .object({
      action: z.enum(listActions, "one of revoke-all, block, delete"),
      entries,
      reason,
      for: z.enum(blockDurationValues, "one of 1h, 24h, 7d, 30d, permanent").optional(),
      dryRun,
    })
    .refine((body) => body.action !== "block" || body.for !== undefined, {
      path: ["for"],
      message: "block needs a duration: one of 1h, 24h, 7d, 30d, permanent",
    })
    .refine((body) => body.action === "block" || body.for === undefined, { path: ["for"], message: "only block takes a duration" }),
  response: z.discriminatedUnion("dryRun", [
    z.object({ dryRun: z.literal(true), preview: previewSchema }),
    z.object({ dryRun: z.literal(false), job: jobStatusSchema }),
  ]),
  handle: async ({ operator, body }) => {
    const request = { action: body.action, entries: body.entries, reason: body.reason, duration: body.for };
    if (body.dryRun) return { dryRun: true as const, preview: await previewListJob(operator, request) };
    return { dryRun: false as const, job: await createListJob(operator, request) };
  },
});

export const stepJobRoute = defineRoute({
  method: "POST",
  path: "/api/v1/jobs/{id}/step",
  operationId: "stepListJob",
  summary: "Run a list job's next step",
  description: `Acts on the next \`size\` listed users (default ${DEFAULT_STEP}, at most ${MAX_STEP}), one audit entry each. Only the job's creator runs its steps, one at a time (409 while another runs). A cursor whose step already ran returns the job as it is (step.processed 0): a retried step never acts twice.`,
  scope: "sessions:write",
  params: z.object({ id: jobId }),
  body: z.object({
    cursor: z
      .string()
      .max(8192)
      .regex(/^[A-Za-z0-9_-]+$/, "the cursor of the job's status"),
    size: z.number().int().min(1).max(MAX_STEP).optional(),
  }),
  response: z.object({
    job: jobStatusSchema,
    step: z.object({ processed: z.number().int(), writeUnits: z.number(), writeRequests: z.number().int(), ms: z.number().int() }),
  }),
  handle: async ({ operator, params, body }) => stepListJob(operator, { jobId: params.id, cursor: body.cursor, size: body.size }),
});

export const getJobRoute = defineRoute({
  method: "GET",
  path: "/api/v1/jobs/{id}",
  operationId: "getListJob",
  summary: "A list job's status",
  description: "Progress, counts, write units, and the cursor that resumes it.",
  scope: "read",
  params: z.object({ id: jobId }),
  response: z.object({ job: jobStatusSchema }),
  handle: async ({ operator, params }) => {
    const job = await getListJob(operator, params.id);
    if (!job) throw notFound(`There is no list job ${params.id} (jobs are kept for 30 days).`);
    return { job };
  },
});

export const jobResultsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/jobs/{id}/results",
  operationId: "listJobResults",
  summary: "A list job's results, entry by entry",
  description: "In list order, whole steps per page (at most `limit` rows unless one step holds more).",
  scope: "read",
  params: z.object({ id: jobId }),
  query: z.object({ cursor, limit: z.coerce.number().int().min(1).max(1000).default(500).describe("rows per page, 1 to 1000") }),
  response: z.object({
    results: z.array(
      z.object({ entry: z.string(), userId: z.string().nullable(), email: z.string().nullable(), outcome: z.enum(entryOutcomes), message: z.string() }),
    ),
    nextCursor: z.string().nullable(),
  }),
  handle: async ({ operator, params, query }) => {
    const page = await listJobResults(operator, { jobId: params.id, cursor: query.cursor, limit: query.limit });
    if (!page) throw notFound(`There is no list job ${params.id} (jobs are kept for 30 days).`);
    return page;
  },
});
