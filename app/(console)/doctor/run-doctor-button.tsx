"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { type RunDoctorState, runDoctorAction } from "@/lib/features/doctor/action";

/** Runs the data checks as a POST; the page then shows the new result. Errors (a limit, with when to retry) stay beside the button. */
export function RunDoctorButton({ again }: { again: boolean }) {
  const [state, action, pending] = useActionState<RunDoctorState>(runDoctorAction, {});
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <Button type="submit" variant={again ? "secondary" : "primary"} size="md" disabled={pending} aria-describedby="run-doctor-status">
        {pending ? <span className="icon icon-loader-circle size-4 animate-spin" aria-hidden /> : <span className="icon icon-play" aria-hidden />}
        Run the doctor
      </Button>
      <p id="run-doctor-status" aria-live="polite" className="max-w-md text-right text-xs">
        {pending ? <span className="text-fg-muted">Scanning the table…</span> : null}
        {!pending && state.error ? (
          <span role="alert" className="text-danger" data-testid="doctor-run-error">
            {state.error}
          </span>
        ) : null}
      </p>
    </form>
  );
}
