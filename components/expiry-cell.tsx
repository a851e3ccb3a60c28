import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";

/** When a session, token or access token expires, with a badge once it has. */
export function ExpiryCell({ expires, live, now, expiredLabel }: { expires: number | null; live: boolean; now: number; expiredLabel: string }) {
  if (expires === null) return <span className="text-fg-muted">no expiry</span>;
  return (
    <span className="inline-flex items-center gap-2">
      <RelativeTime epochMs={expires} serverNow={now} />
      {live ? null : <Badge tone="warning">{expiredLabel}</Badge>}
    </span>
  );
}
