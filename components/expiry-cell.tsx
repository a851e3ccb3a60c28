import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";

// .expiry-cell (globals.css): on every row of several tables, sent in the HTML and again in the RSC payload.
/** When a session, token or access token expires, with a badge once it has. */
export function ExpiryCell({ expires, live, now, expiredLabel }: { expires: number | null; live: boolean; now: number; expiredLabel: string }) {
  if (expires === null) return <span className="text-fg-muted">no expiry</span>;
  return (
    <span className="expiry-cell">
      <RelativeTime epochMs={expires} serverNow={now} />
      {live ? null : <Badge tone="warning">{expiredLabel}</Badge>}
    </span>
  );
}
