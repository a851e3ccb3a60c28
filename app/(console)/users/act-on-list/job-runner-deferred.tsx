"use client";

import { type ComponentProps, Suspense } from "react";
import { deferred } from "@/components/ui/deferred";
import type { JobRunner as Runner } from "./job-runner";

const Loaded = deferred<ComponentProps<typeof Runner>>(() => import("./job-runner").then((module) => ({ default: module.JobRunner })));

/**
 * The job view, whose code loads only when a job is shown (?job=), so the composer, the page's
 * first screen, does not carry it. Server-rendered as usual; until the code is here, a box of its size.
 */
export function JobRunner(props: ComponentProps<typeof Runner>) {
  return (
    <Suspense fallback={<div role="status" aria-busy="true" aria-label="Loading the job" className="skeleton-block h-64" />}>
      <Loaded.Component {...props} />
    </Suspense>
  );
}
