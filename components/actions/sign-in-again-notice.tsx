import { buttonClasses } from "@/components/ui/button";

/** Step-up refused: what needs a recent sign-in, the window, and that nothing changed. */
export function SignInAgainNotice({ what, minutes, after }: { what: string; minutes: number | undefined; after?: string }) {
  return (
    <div role="alert" className="flex gap-2.5 rounded-md border border-accent/40 bg-accent/10 px-3.5 py-3 text-sm">
      <span className="icon icon-log-in mt-0.5 text-accent" aria-hidden />
      <div className="min-w-0 space-y-1">
        <p className="font-medium">Sign in again to do this.</p>
        <p>
          {what} needs a sign-in within the last {minutes ?? "few"} minutes, and yours is older. Nothing was changed.{after ? ` ${after}` : ""}
        </p>
      </div>
    </div>
  );
}

/** Re-authenticates, then comes back to this very page (path and query). */
export function signInAgainHref(): string {
  const here = `${location.pathname}${location.search}`;
  return `/signin?reauth=1&callbackUrl=${encodeURIComponent(here)}`;
}

export function SignInAgainLink({ className }: { className?: string }) {
  return (
    <a href={signInAgainHref()} className={buttonClasses({ variant: "primary", size: "md", className })}>
      <span className="icon icon-log-in" aria-hidden />
      Sign in again
    </a>
  );
}
