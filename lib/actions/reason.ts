/**
 * How long an operator's reason (it goes into the audit log) must and may be: one rule for the
 * dialogs, the server actions and the API. No zod here: the dialogs import this file, and zod
 * stays out of the browser's JavaScript (the schemas are in reason-schema.ts).
 */
export const MIN_REASON = 3;
export const MAX_REASON = 500;
