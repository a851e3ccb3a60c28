import type { ActionChoice } from "./action-form";

/** The list and choices kept in this tab across Sign in again (step-up), which leaves the page. */
const DRAFT_KEY = "gatehouse:act-on-list:draft";

export interface Draft {
  text: string;
  choice: ActionChoice;
}

export function keepDraft(draft: Draft) {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Too long to keep: the operator pastes it again.
  }
}

/** The draft kept before a sign-in, once: reading it forgets it. */
export function takeDraft(): Draft | null {
  try {
    const draft = sessionStorage.getItem(DRAFT_KEY);
    sessionStorage.removeItem(DRAFT_KEY);
    return draft ? (JSON.parse(draft) as Draft) : null;
  } catch {
    // No storage (private mode, quota): the list is pasted again.
    return null;
  }
}
