import { formatRelative } from "@/lib/format/relative-time";

/** Heartbeats older than this mean no guard: the guard writes one at most every 10 minutes per instance. */
export const GUARD_FRESH_MS = 30 * 60_000;

export interface GuardHeartbeatView {
  appName: string;
  /** Epoch ms; null when unreadable. */
  seenAt: number | null;
  sessionStrategy: string | null;
  /** The guard's version as written, e.g. "1.0.0". */
  version: string | null;
}

export interface GuardStatus {
  active: boolean;
  text: string;
  /** Every product with a heartbeat, fresh or not, newest first. */
  heartbeats: GuardHeartbeatView[];
}

export const NO_GUARD_TEXT = "No guard seen: blocking revokes sessions, but the user can sign in again until the product adds the guard";

const strategyLabel = (strategy: string | null) => (strategy === "jwt" ? "JWT sessions" : strategy === "database" ? "database sessions" : "unknown sessions");
const major = (version: string | null) => {
  const digits = version?.match(/^\d+/)?.[0];
  return digits ? `v${digits}` : "v?";
};

/** "Guard active: my-app, seen 2 min ago, JWT sessions, v1" (one clause per fresh app), or NO_GUARD_TEXT. */
export function guardStatus(heartbeats: GuardHeartbeatView[], now: number): GuardStatus {
  const sorted = [...heartbeats].sort((a, b) => (b.seenAt ?? 0) - (a.seenAt ?? 0));
  const fresh = sorted.filter((h): h is GuardHeartbeatView & { seenAt: number } => h.seenAt !== null && now - h.seenAt <= GUARD_FRESH_MS);
  if (fresh.length === 0) return { active: false, text: NO_GUARD_TEXT, heartbeats: sorted };
  const clauses = fresh.map((h) => {
    const seen = formatRelative(Math.min(h.seenAt, now), now);
    return `${h.appName}, seen ${seen}, ${strategyLabel(h.sessionStrategy)}, ${major(h.version)}`;
  });
  return { active: true, text: `Guard active: ${clauses.join("; ")}`, heartbeats: sorted };
}
