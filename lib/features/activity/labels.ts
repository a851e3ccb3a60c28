import type { ActivityEvent, ActivityType } from "./schema";

/** What each event type is called in filters and legends. Zod-free: client components may import it. */
export const activityTypeLabels: Record<ActivityType, string> = {
  "sign-up": "Sign-up",
  "email-verified": "Email verified",
  "email-changed": "Email changed",
  "user-deleted": "User deleted",
  "account-linked": "Account linked",
  "account-unlinked": "Account unlinked",
  "session-created": "Session started",
  "session-ended": "Session ended",
  "session-expired": "Session expired",
  "link-requested": "Magic link requested",
  "link-used": "Magic link used",
  "link-expired": "Magic link expired",
  "sign-in": "Sign-in",
  "user-blocked": "User blocked",
  "user-unblocked": "User unblocked",
};

/** One line saying what happened, for the feed and the user page ("Signed in with github"). */
export function describeEvent(event: Pick<ActivityEvent, "type" | "by" | "provider" | "previousEmail" | "until">): string {
  switch (event.type) {
    case "sign-up":
      return event.by === "gatehouse" ? "Created by an operator" : "Signed up";
    case "email-verified":
      return "Verified their email";
    case "email-changed":
      return event.previousEmail ? `Changed email from ${event.previousEmail}` : "Changed email";
    case "user-deleted":
      return "User deleted";
    case "account-linked":
      return `Linked ${event.provider ?? "an account"}`;
    case "account-unlinked":
      return `Unlinked ${event.provider ?? "an account"}`;
    case "session-created":
      return "Started a session";
    case "session-ended":
      return event.by === "gatehouse" ? "Session revoked" : "Signed out";
    case "session-expired":
      return "Session expired";
    case "link-requested":
      return "Magic link requested";
    case "link-used":
      return "Magic link used";
    case "link-expired":
      return "Magic link expired unused";
    case "sign-in":
      return event.provider ? `Signed in with ${event.provider}` : "Signed in";
    case "user-blocked":
      return event.until ? `Blocked until ${event.until.slice(0, 16).replace("T", " ")} UTC` : "Blocked";
    case "user-unblocked":
      return "Unblocked";
  }
}

/** Who did it, as the feed's badge says it. */
export const actorLabels = { product: "Product", gatehouse: "Gatehouse", expiry: "Expiry" } as const;
