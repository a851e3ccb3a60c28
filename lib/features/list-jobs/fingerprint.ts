import { createHash } from "node:crypto";

/**
 * A short, stable name for a list (its normalized entries in order): the batch audit entry and
 * the job carry it, never the list. Apart from entries.ts, which the browser imports too.
 */
export function listFingerprint(entries: readonly string[]): string {
  return createHash("sha256").update(entries.join("\n")).digest("hex").slice(0, 16);
}
