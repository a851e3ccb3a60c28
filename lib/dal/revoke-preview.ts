import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { readGuardStatus } from "./guard-heartbeats";
import { productTable } from "./product-table";
import { sessionKeysOf } from "./sessions-of-user";

/** How many fingerprints the Revoke all sessions dialog lists before "+N more". */
export const PREVIEW_FINGERPRINTS = 5;

export interface RevokeAllPreview {
  user: { id: string; email: string | null };
  sessions: number;
  /** Every session's fingerprint (the dialog shows the first PREVIEW_FINGERPRINTS). */
  fingerprints: string[];
  /** A product runs gatehouse-guard: its JWT sessions that began before now end too. */
  guardActive: boolean;
  /** The dialog's preview, as text. */
  summary: string;
}

const plural = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

/**
 * What Revoke all sessions would do, changing nothing: the preview its dialog shows. Needs the
 * scope the action needs (sessions:write), since it answers "what would I revoke". Null when
 * there is no such user.
 */
export async function previewRevokeAllSessions(operator: Operator | null, userId: string): Promise<RevokeAllPreview | null> {
  authorize(operator, "sessions:write");
  const table = productTable();
  const { Item } = await table.doc.get({ TableName: table.schema.tableName, Key: table.keys.user(userId), ProjectionExpression: "#id, #email", ExpressionAttributeNames: { "#id": "id", "#email": "email" } });
  if (!Item) return null;
  const email = typeof Item.email === "string" && Item.email ? Item.email : null;
  const [keys, guard] = await Promise.all([sessionKeysOf(table, userId), readGuardStatus()]);
  const fingerprints = [...keys.keys()];
  const shown = fingerprints.slice(0, PREVIEW_FINGERPRINTS);
  const more = fingerprints.length - shown.length;
  const guardActive = guard.active === true;
  const summary =
    `${plural(fingerprints.length, "session")} of ${email ?? userId}: ${shown.map((fp) => `…${fp}`).join(", ")}${more > 0 ? `, … (+${more} more)` : ""}` +
    (guardActive ? " Every JWT session of theirs that began before now ends too, in each product that runs gatehouse-guard." : "");
  return { user: { id: userId, email }, sessions: fingerprints.length, fingerprints, guardActive, summary };
}
