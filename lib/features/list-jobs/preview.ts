import { type BlockDuration, blockDurations } from "@/lib/features/block/durations";
import { type ListAction, listActionLabels } from "@/lib/features/list-jobs/entries";
import { plural } from "@/lib/format/plural";

/** One listed entry as resolved before a job: its user (if any) and whether they are blocked now. */
export interface ResolvedEntry {
  entry: string;
  userId: string | null;
  email: string | null;
  blocked: boolean;
}

export interface ListJobFacts {
  action: ListAction;
  duration?: BlockDuration;
  resolved: readonly ResolvedEntry[];
  /** Lines that were neither an email nor a user id: listed with the not found. */
  invalid: readonly string[];
  ignored: { blank: number; duplicate: number };
  listFingerprint: string;
}

const effect: Record<ListAction, (duration?: BlockDuration) => string> = {
  "revoke-all": () =>
    "Each found user is signed out everywhere: their session items are deleted and gatehouseRevokedAt ends their JWT sessions where the product runs gatehouse-guard.",
  block: (duration) =>
    `Each found user is blocked ${duration === "permanent" || !duration ? "permanently" : `for ${blockDurations.find((d) => d.value === duration)?.label ?? duration}`} and signed out everywhere; gatehouse-guard refuses their sign-ins.`,
  delete: () =>
    "Each found user is deleted with every account, session and pending sign-in token; the audit log can undo each for 7 days. Their JWT sessions end where the product runs gatehouse-guard; without it a JWT stays valid until it expires.",
};

/** The Act on a list preview, as text and lists: the console's preview and the API's dryRun both build it here. */
export function listJobPreview(facts: ListJobFacts) {
  const found = facts.resolved.filter((r) => r.userId);
  const notFound = [...facts.resolved.filter((r) => !r.userId).map((r) => r.entry), ...facts.invalid];
  const alreadyBlocked = found.filter((r) => r.blocked).map((r) => r.entry);
  const total = facts.resolved.length + facts.invalid.length;
  const label = listActionLabels[facts.action];
  const ignored = facts.ignored.blank + facts.ignored.duplicate;
  const lines = [
    `${plural(found.length, "user")} found of ${plural(total, "listed entry", "listed entries")}`,
    ...(notFound.length ? [`${plural(notFound.length, "entry", "entries")} not found: nothing is done for ${notFound.length === 1 ? "it" : "them"}`] : []),
    ...(alreadyBlocked.length
      ? [`${plural(alreadyBlocked.length, "user")} already blocked${facts.action === "block" ? ": their block is replaced by this one" : ""}`]
      : []),
    ...(ignored ? [`${plural(facts.ignored.blank, "blank line")} and ${plural(facts.ignored.duplicate, "duplicate")} ignored`] : []),
  ];
  return {
    action: facts.action,
    total,
    found: found.length,
    notFound,
    alreadyBlocked,
    ignored: facts.ignored,
    listFingerprint: facts.listFingerprint,
    title: found.length ? `${label}: ${plural(found.length, "listed user")}?` : "No listed user was found",
    description: effect[facts.action](facts.duration),
    lines,
    summary: `${lines.join(". ")}. ${effect[facts.action](facts.duration)}`,
    confirmLabel: found.length ? `${label} (${found.length.toLocaleString("en-US")})` : label,
  };
}

export type ListJobPreview = ReturnType<typeof listJobPreview>;
