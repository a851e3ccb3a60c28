"use client";

import { createContext, useContext } from "react";

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
