"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { findSessionUser, type SessionLookupState } from "../../../lib/features/sessions/action";

/** Posts the pasted token to a server action: it never enters a URL, and the field is cleared after each try. */
export function SessionLookupForm() {
  const [state, action, pending] = useActionState<SessionLookupState, FormData>(findSessionUser, {});
  return (
    <form action={action} noValidate className="w-full max-w-xl">
      <label htmlFor="session-token" className="mb-1 block text-xs font-medium text-fg-muted">
        Session token
      </label>
      <div className="flex items-center gap-2">
        <div className="relative flex-1">
          <span className="icon icon-search pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-muted" aria-hidden />
          <Input
            id="session-token"
            name="sessionToken"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={512}
            placeholder="Paste a session cookie's value"
            aria-invalid={Boolean(state.error)}
            aria-describedby="session-token-help session-token-error"
            className="pl-8"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? <span className="icon icon-loader-circle size-4 animate-spin" aria-hidden /> : null}
          {pending ? "Finding…" : "Find user"}
        </Button>
      </div>
      <p id="session-token-help" className="mt-1 text-xs text-fg-muted">
        The value of the <code className="font-mono">authjs.session-token</code> cookie. It is sent in a POST body, never in a URL, and is not kept or shown.
      </p>
      <p id="session-token-error" aria-live="polite" className="mt-1 min-h-4 text-xs text-danger">
        {state.error}
      </p>
    </form>
  );
}
