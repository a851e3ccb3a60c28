"use client";

import { LogIn } from "lucide-react";
import { createContext, useContext } from "react";
import { buttonClasses } from "@/components/ui/button";

/** When the operator's sign-in stops being recent enough for step-up actions; null when step-up is off. */
export type StepUpWindow = { freshUntil: number; minutes: number } | null;

const StepUpContext = createContext<StepUpWindow>(null);

/** Set once by the console layout from the operator's session; the DAL decides again on every call. */
export function StepUpProvider({ window, children }: { window: StepUpWindow; children: React.ReactNode }) {
  return <StepUpContext.Provider value={window}>{children}</StepUpContext.Provider>;
}

/** The step-up window, and whether it has closed by now (judged when the dialog renders). */
export function useStepUp() {
  const window = useContext(StepUpContext);
  return { window, stale: window !== null && Date.now() >= window.freshUntil };
}

/** Re-authenticates, then comes back to this very page (path and query). */
export function signInAgainHref(): string {
  const here = `${location.pathname}${location.search}`;
  return `/signin?reauth=1&callbackUrl=${encodeURIComponent(here)}`;
}

export function SignInAgainLink({ className }: { className?: string }) {
  return (
    <a href={signInAgainHref()} className={buttonClasses({ variant: "primary", size: "md", className })}>
      <LogIn className="size-4" aria-hidden />
      Sign in again
    </a>
  );
}
