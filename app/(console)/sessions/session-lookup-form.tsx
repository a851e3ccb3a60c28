import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { findSessionUser } from "@/lib/features/sessions/action";
import { type LookupProblem, lookupProblems } from "@/lib/features/sessions/lookup";

/**
 * Posts the pasted token to a server action: it never enters a URL, and the field is empty
 * again after each try. A plain form drawn on the server, with no JavaScript of its own: the
 * action goes to the user's sessions, or back here with `problem` (lookup.ts).
 */
export function SessionLookupForm({ problem }: { problem?: LookupProblem }) {
  return (
    <form action={findSessionUser} noValidate className="w-full max-w-xl">
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
            aria-invalid={problem ? true : undefined}
            aria-describedby="session-token-help session-token-error"
            withIcon
          />
        </div>
        <Button type="submit" variant="secondary">
          Find user
        </Button>
      </div>
      <p id="session-token-help" className="mt-1 text-xs text-fg-muted">
        The value of the <code className="font-mono">authjs.session-token</code> cookie. It is sent in a POST body, never in a URL, and is not kept or shown.
      </p>
      <p id="session-token-error" aria-live="polite" className="mt-1 min-h-4 text-xs text-danger">
        {problem ? lookupProblems[problem] : null}
      </p>
    </form>
  );
}
