/** When the operator's sign-in stops being recent enough for step-up actions; null when step-up is off. */
export type StepUpWindow = { freshUntil: number; minutes: number } | null;

/**
 * Set once by the console layout on <main>, from the operator's session: attributes rather than a
 * React context, whose provider would be client code on every page while only dialogs read it.
 * The DAL decides again on every call.
 */
export function stepUpAttributes(window: StepUpWindow): Record<`data-${string}`, number> {
  return window ? { "data-step-up-until": window.freshUntil, "data-step-up-minutes": window.minutes } : {};
}

/** The step-up window, and whether it has closed by now (judged when the dialog renders, in the browser only). */
export function useStepUp() {
  const data = typeof document === "undefined" ? undefined : document.getElementById("main")?.dataset;
  const window: StepUpWindow = data?.stepUpUntil ? { freshUntil: Number(data.stepUpUntil), minutes: Number(data.stepUpMinutes) } : null;
  return { window, stale: window !== null && Date.now() >= window.freshUntil };
}
