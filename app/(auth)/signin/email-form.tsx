"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { requestMagicLink, type SignInState } from "@/lib/auth/sign-in-action";

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestMagicLink, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="email" className="block text-sm font-medium">
        Work email
      </label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        // biome-ignore lint/a11y/noAutofocus: the sign-in page holds this one field, and typing the address is all there is to do on it
        autoFocus
        defaultValue={state.email}
        aria-invalid={Boolean(state.error)}
        aria-describedby="email-error"
        placeholder="you@company.com"
        className="h-10 w-full rounded-md border border-border bg-bg px-3 text-sm outline-none placeholder:text-fg-muted focus:border-accent aria-[invalid=true]:border-danger"
      />
      <p id="email-error" aria-live="polite" className="min-h-4 text-xs text-danger">
        {state.error}
      </p>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? <span className="icon icon-loader-circle size-4 animate-spin" aria-hidden /> : <span className="icon icon-mail" aria-hidden />}
        {pending ? "Sending link…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
