import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { StaleCursor } from "@/components/stale-cursor";
import { CardHeader } from "@/components/ui/card";
import { type Operator, requireOperator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { MAX_LIST_ENTRIES } from "@/lib/features/list-jobs/entries";
import { RESOLVE_CHUNK } from "@/lib/features/list-jobs/resolve";
import { listJobResults } from "@/lib/features/list-jobs/results";
import { getListJob, type ListJobStatus, recentListJobs } from "@/lib/features/list-jobs/server";
import { DEFAULT_STEP } from "@/lib/features/list-jobs/step";
import { CursorError } from "@/lib/http/cursor";
import { hrefWith, param, type SearchParams } from "@/lib/http/search-params";
import { JobRunner } from "./job-runner-deferred";
import { ListComposer } from "./list-composer";
import { RecentJobsTable } from "./recent-jobs-table";
import { ResultsTable } from "./results-table";

export const metadata: Metadata = { title: "Act on a list" };

const PATH = "/users/act-on-list";
/** Result rows per page (whole steps of DEFAULT_STEP users). */
const RESULTS_PAGE = 100;
/** Stands for page one in the trail of result pages behind the one shown. */
const FIRST = "~";
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Header() {
  return (
    <>
      <Link href="/users" className="mb-4 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <span className="icon icon-chevron-left" aria-hidden />
        Users
      </Link>
      <PageHeader
        title="Act on a list"
        description={`Revoke all sessions, block or delete up to ${MAX_LIST_ENTRIES.toLocaleString("en-US")} users at once, listed by email or user id. Nothing changes until you confirm; the job then runs in steps of ${DEFAULT_STEP} users, each with its own audit entry.`}
      />
    </>
  );
}

export default async function ActOnListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const params = await searchParams;
  // The data layer refuses a viewer's job too; this says so before anyone pastes a list.
  if (operator.role !== "admin") {
    return (
      <>
        <Header />
        <Notice title="Act on a list is for admins">Ask an admin to run it, or to give you the admin role.</Notice>
      </>
    );
  }
  if (serverConfig().readOnly) {
    return (
      <>
        <Header />
        <Notice title="Read-only mode">This console runs with GATEHOUSE_READ_ONLY: no list job can run.</Notice>
      </>
    );
  }

  const jobId = param(params, "job", 64);
  const job = jobId && JOB_ID.test(jobId) ? await getListJob(operator, jobId) : null;
  const now = Date.now();
  return (
    <>
      <Header />
      {jobId && !job ? (
        <div className="mb-6">
          <Notice tone="warning" role="alert" title={`There is no list job ${jobId}.`}>
            Jobs are kept for 30 days; the audit log keeps what they did.{" "}
            <Link href={PATH} className="font-medium text-accent hover:underline">
              Start a new list
            </Link>
          </Notice>
        </div>
      ) : job ? (
        <JobRunner
          key={job.id}
          job={job}
          stepSize={DEFAULT_STEP}
          stepRefusal={
            job.apiKey || job.createdBy !== operator.email
              ? `Only ${job.apiKey ? `the API key ${job.apiKey.name}` : job.createdBy} can run this job's steps.`
              : null
          }
          serverNow={now}
          results={
            job.processed > 0 ? (
              <Suspense key={`${job.processed}:${param(params, "results", 8192)}`} fallback={<DataTableSkeleton columns={4} rows={8} />}>
                <JobResults operator={operator} job={job} params={params} />
              </Suspense>
            ) : null
          }
        />
      ) : (
        <ListComposer
          resolveChunk={RESOLVE_CHUNK}
          header={
            <CardHeader
              title={<span id="list-title">1. The list</span>}
              description="Resolving only reads: each entry is looked up (an email on the index, a user id by its key). Nothing changes until you confirm below."
            />
          }
          help={
            <p className="text-xs text-fg-muted">
              .txt or .csv (its first column), read here in the browser. Up to {MAX_LIST_ENTRIES.toLocaleString("en-US")} entries; blank lines and duplicates
              are ignored.
            </p>
          }
        />
      )}
      <section aria-labelledby="recent-jobs-title" className="mt-10 space-y-3">
        <h2 id="recent-jobs-title" className="text-base font-semibold">
          Recent list jobs
        </h2>
        <Suspense fallback={<DataTableSkeleton columns={6} rows={3} />}>
          <RecentJobs operator={operator} now={now} currentId={job?.id} />
        </Suspense>
      </section>
    </>
  );
}

async function RecentJobs({ operator, now, currentId }: { operator: Operator; now: number; currentId?: string }) {
  const jobs = await recentListJobs(operator, 10);
  return (
    <>
      <RecentJobsTable jobs={jobs} now={now} currentId={currentId} operatorEmail={operator.email} />
      <p className="text-xs text-fg-muted">The ten latest, from the console and the API (POST /api/v1/jobs); jobs and their results are kept for 30 days.</p>
    </>
  );
}

/** One page of a job's results; the pages behind it ride along in the URL (`back`), so Previous works. */
async function JobResults({ operator, job, params }: { operator: Operator; job: ListJobStatus; params: SearchParams }) {
  const cursor = param(params, "results", 8192);
  const back = (param(params, "back", 16384)?.split(".") ?? []).filter((c) => c === FIRST || /^[A-Za-z0-9_-]+$/.test(c));
  const base = { job: job.id };
  let page: Awaited<ReturnType<typeof listJobResults>>;
  try {
    page = await listJobResults(operator, { jobId: job.id, cursor, limit: RESULTS_PAGE });
  } catch (error) {
    if (error instanceof CursorError) return <StaleCursor message={error.message} firstPage={hrefWith(PATH, base)} />;
    throw error;
  }
  if (!page) return null;
  const previous = back.at(-1);
  const paging = {
    page: cursor ? Math.max(2, back.length + 1) : 1,
    firstHref: hrefWith(PATH, base),
    previousHref: cursor ? hrefWith(PATH, { ...base, results: previous === FIRST ? undefined : previous, back: back.slice(0, -1).join(".") }) : undefined,
    nextHref: page.nextCursor ? hrefWith(PATH, { ...base, results: page.nextCursor, back: [...back, cursor ?? FIRST].join(".") }) : undefined,
  };
  return <ResultsTable rows={page.results} paging={paging} processed={job.processed} total={job.total} />;
}
