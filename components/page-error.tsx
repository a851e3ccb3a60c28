"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { DYNAMO_UNAVAILABLE_DIGEST } from "@/lib/dynamo/unavailable-digest";

/** What an error boundary shows: DynamoDB being unreachable gets its own words; anything else is only a reference. */
export function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const unreachable = error.digest === DYNAMO_UNAVAILABLE_DIGEST;
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-border bg-surface p-6 text-center">
      <span className="icon icon-triangle-exclamation-point mx-auto block size-8 text-warning" aria-hidden />
      <h1 className="mt-3 text-lg font-semibold">{unreachable ? "DynamoDB is unreachable" : "This page could not load"}</h1>
      <p className="mt-1 text-sm text-fg-muted">
        {unreachable
          ? "Gatehouse cannot reach its DynamoDB endpoint, so it cannot show or change anything right now. Nothing was changed; try again in a few seconds."
          : `The console could not read from DynamoDB or hit an unexpected problem. The server log has the details${error.digest ? ` (reference ${error.digest})` : ""}.`}
      </p>
      {/* Button's secondary look, spelled out: the boundary's code loads beside every console page's own, and a Button import would send button.tsx twice. */}
      <button type="button" className="btn mt-4 h-9 border border-border bg-surface px-4 text-sm text-fg hover:bg-muted" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
