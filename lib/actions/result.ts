/** What every mutation's server action returns to the UI. */
export type ActionResult =
  | { ok: true; message: string; partial: boolean; auditId?: string; undoUntil?: string; auditIncomplete?: boolean }
  | { ok: false; error: string; refused?: boolean; stepUp?: boolean; retryAfterSeconds?: number };
