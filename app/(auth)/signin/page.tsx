import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { currentOperator } from "@/lib/auth/operator";
import { signInWithSso } from "@/lib/auth/sign-in-action";
import { signInOptions } from "@/lib/auth/sign-in-options";
import { safeCallbackPath } from "@/lib/http/safe-redirect";
import { EmailSignInForm } from "./email-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  // Re-authentication for step-up: a signed-in operator gets the form too, and comes back after.
  const reauthFor = params.reauth === "1" ? (await currentOperator())?.email : undefined;
  if (!reauthFor && (await currentOperator())) redirect(callbackUrl);
  const options = await signInOptions();

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{reauthFor ? "Sign in again" : "Sign in to Gatehouse"}</h1>
        <p className="mt-1 text-sm text-fg-muted">
          {reauthFor
            ? `That action needs a recent sign-in. Sign in again as ${reauthFor} and you come back to where you were.`
            : "Use the email address an admin has allow-listed."}
        </p>
      </div>
      {options.email ? <EmailSignInForm callbackUrl={callbackUrl} /> : null}
      {options.linkInTerminal ? (
        <p className="flex gap-2 rounded-md border border-border bg-muted px-3 py-2 text-xs text-fg-muted">
          <span className="icon icon-terminal mt-0.5 size-3.5" aria-hidden />
          <span>No mail server is configured, so the sign-in link is printed in the terminal where Gatehouse runs.</span>
        </p>
      ) : null}
      {options.sso ? (
        <>
          {options.email ? (
            <div className="flex items-center gap-3 text-xs text-fg-muted">
              <span className="h-px flex-1 bg-border" />
              or
              <span className="h-px flex-1 bg-border" />
            </div>
          ) : null}
          <form action={signInWithSso}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="secondary" className="w-full">
              Sign in with SSO
            </Button>
          </form>
        </>
      ) : null}
    </div>
  );
}
