import { LogIn } from "lucide-react";

/** Step-up refused: what needs a recent sign-in, the window, and that nothing changed. */
export function SignInAgainNotice({ what, minutes, after }: { what: string; minutes: number | undefined; after?: string }) {
  return (
    <div role="alert" className="flex gap-2.5 rounded-md border border-accent/40 bg-accent/10 px-3.5 py-3 text-sm">
      <LogIn className="mt-0.5 size-4 shrink-0 text-accent" aria-hidden />
      <div className="min-w-0 space-y-1">
        <p className="font-medium">Sign in again to do this.</p>
        <p>
          {what} needs a sign-in within the last {minutes ?? "few"} minutes, and yours is older. Nothing was changed.{after ? ` ${after}` : ""}
        </p>
      </div>
    </div>
  );
}
