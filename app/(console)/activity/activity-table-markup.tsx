import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { StaticRelativeTime } from "@/components/ui/static-relative-time";
import { actorLabels, describeEvent } from "@/lib/features/activity/labels";
import type { ActivityEvent } from "@/lib/features/activity/schema";
import { hrefWith } from "@/lib/http/href";

const actorTone: Record<ActivityEvent["by"], BadgeTone> = { product: "neutral", gatehouse: "accent", expiry: "warning" };

/** Who the event is about: the user (their page), or for a magic link before any user, the address (its activity). */
function Subject({ event, linkUsers }: { event: ActivityEvent; linkUsers: boolean }) {
  if (event.userId) {
    // A session's record holds no email: the user by id.
    const label = event.email ?? <span className="font-mono text-xs">{event.userId}</span>;
    return linkUsers ? (
      <Link href={`/users/${encodeURIComponent(event.userId)}`} className="font-medium text-accent hover:underline">
        {label}
      </Link>
    ) : (
      <span>{label}</span>
    );
  }
  if (event.identifier) {
    return (
      <Link href={hrefWith("/activity", { who: event.identifier })} className="font-medium text-accent hover:underline">
        {event.identifier}
      </Link>
    );
  }
  return <span className="text-fg-muted">—</span>;
}

/** What else the event names: an account's id, a token's fingerprint (never the token). */
function Detail({ event }: { event: ActivityEvent }) {
  if (event.providerAccountId) return <span className="font-mono text-xs">{`${event.provider}:${event.providerAccountId}`}</span>;
  if (event.fingerprint)
    return (
      <span className="font-mono text-xs" title="Token fingerprint: the token itself is never stored">
        {event.fingerprint}
      </span>
    );
  return null;
}

/**
 * Product events, newest first, as the feed and the user page show them: when, what, who, the
 * account or token fingerprint, and who did it (the product, Gatehouse (with its audit entry),
 * or DynamoDB's TTL). Markup only: the user page draws its ten rows on the server (no code sent);
 * /activity draws its page in the browser (ActivityTable).
 */
export function ActivityTableMarkup({
  events,
  now,
  caption,
  emptyMessage,
  subject = true,
}: {
  events: ActivityEvent[];
  now: number;
  caption: string;
  emptyMessage: string;
  /** Off on the user page, where every row is that user. */
  subject?: boolean;
}) {
  const columns = subject ? 5 : 4;
  return (
    <div className="overflow-auto rounded-lg border border-border bg-surface">
      <table className="data-table" data-testid="activity-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            {subject ? <th scope="col">User or address</th> : null}
            <th scope="col" title="A token is shown by its fingerprint: the token itself is never stored">
              Account or token
            </th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={columns} className="h-24 text-center text-fg-muted">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            events.map((event) => (
              <tr key={event.id}>
                <td className="whitespace-nowrap text-fg-muted">
                  <StaticRelativeTime epochMs={Date.parse(event.at)} now={now} />
                </td>
                <td>{describeEvent(event)}</td>
                {subject ? (
                  <td className="max-w-64 truncate">
                    <Subject event={event} linkUsers />
                  </td>
                ) : null}
                <td>
                  <Detail event={event} />
                </td>
                <td>
                  {event.by === "gatehouse" && event.auditId ? (
                    <Link
                      href={hrefWith("/audit", { target: event.userId?.toLowerCase(), from: event.auditId.slice(0, 10), to: event.auditId.slice(0, 10) })}
                      title="An operator did this: see the audit entry"
                      className="hover:underline"
                    >
                      <Badge tone={actorTone[event.by]}>{actorLabels[event.by]}</Badge>
                    </Link>
                  ) : (
                    <Badge tone={actorTone[event.by]}>{actorLabels[event.by]}</Badge>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
