"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-border bg-surface p-6 text-center">
      <TriangleAlert className="mx-auto size-8 text-warning" aria-hidden />
      <h1 className="mt-3 text-lg font-semibold">This page could not load</h1>
      <p className="mt-1 text-sm text-fg-muted">
        The console could not read from DynamoDB or hit an unexpected problem. The server log has the details
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
