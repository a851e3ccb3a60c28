import Link from "next/link";
import { Notice } from "@/components/notice";
import { QueryMeter } from "@/components/query-meter";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AuditEntry } from "@/lib/audit/entry";
import type { Operator } from "@/lib/auth/operator";
import { formatUtc } from "@/lib/features/block/contract";
import { listUserHistory, type UserHistoryPage } from "@/lib/features/users/history";
import { CursorError } from "@/lib/http/cursor";
import { hrefWith } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { EntryDetails } from "../../audit/entry-details";
import { actionTones, compactCounts, results } from "../../audit/entry-labels";

const auditHref = (userId: string, day?: string) => hrefWith("/audit", { target: userId.toLowerCase(), from: day, to: day });

function Summary({ entry }: { entry: AuditEntry }) {
  const counts = compactCounts(entry.counts);
  const text = entry.message ?? (counts.length ? counts.join(" · ") : null);
  return text ? <p className="mt-0.5 line-clamp-2 text-xs text-fg-muted">{text}</p> : null;
}

function HistoryEntry({ entry, userId, now }: { entry: AuditEntry; userId: string; now: number }) {
  const result = results[entry.result] ?? { label: entry.result, tone: "neutral" as const };
  const at = Date.parse(entry.at);
  return (
    <li className="flex flex-wrap items-start gap-x-4 gap-y-1 px-5 py-3" data-testid="history-entry" data-action={entry.action}>
      <span className="flex w-36 shrink-0 flex-col text-xs leading-tight whitespace-nowrap">
        <RelativeTime epochMs={at} serverNow={now} />
        <span className="font-mono text-[11px] text-fg-muted">{formatUtc(at)}</span>
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-1.5 text-sm">
          <Badge tone={actionTones[entry.action] ?? "neutral"}>{entry.action}</Badge>
          <Badge tone={result.tone}>{result.label}</Badge>
          <span className="text-fg-muted">by</span>
          <span className="font-medium">{entry.operatorEmail}</span>
          {entry.reason ? (
            <span className="min-w-0 truncate text-fg-muted" title={entry.reason}>
              · {entry.reason}
            </span>
          ) : null}
        </p>
        <Summary entry={entry} />
      </div>
      <span className="flex shrink-0 items-center gap-1">
        <EntryDetails id={entry.id} title={`${entry.action} · ${result.label}`} at={entry.at} />
        <Link
          href={auditHref(userId, entry.at.slice(0, 10))}
          className={buttonClasses({ variant: "ghost", size: "sm" })}
          title="This day's entries for this user on /audit"
        >
          <span className="icon icon-external-link" aria-hidden />
          Audit log
        </Link>
      </span>
    </li>
  );
}

/** Truthful about what the index can hold: entries from before indexing began are only on /audit. */
function IndexNote({ page, userId }: { page: UserHistoryPage; userId: string }) {
  if (page.index && !page.index.earlierEntries) return null;
  const since = page.index ? Date.parse(page.index.since) : null;
  return (
    <div className="border-b border-border px-5 py-3" data-testid="history-index-note">
      <Notice tone="info" title="This history may be incomplete">
        <p>
          {since
            ? `Entries before ${formatUtc(since)} are not indexed by user`
            : "Entries written before the audit log was indexed by user are not listed here"}
          ;{" "}
          <Link
            href={hrefWith("/audit", { target: userId.toLowerCase(), to: since ? new Date(since).toISOString().slice(0, 10) : undefined })}
            className="font-medium text-accent hover:underline"
          >
            search the audit log for them
          </Link>
          .
        </p>
      </Notice>
    </div>
  );
}

export async function UserHistory({ operator, userId, cursor, now }: { operator: Operator; userId: string; cursor?: string; now: number }) {
  const self = `/users/${encodeURIComponent(userId)}`;
  let page: UserHistoryPage | null = null;
  let problem: React.ReactNode = null;
  try {
    page = await listUserHistory(operator, userId, { cursor });
  } catch (error) {
    if (error instanceof CursorError) {
      problem = (
        <Notice tone="warning" role="alert" title={error.message}>
          <p>
            Page links are sealed by the server and last a day.{" "}
            <Link href={`${self}#history`} className="font-medium text-accent hover:underline">
              Show the newest entries
            </Link>
          </p>
        </Notice>
      );
    } else if (error instanceof RateLimitedError) {
      problem = (
        <Notice tone="warning" role="alert" title="The history was not read">
          <p>{error.message}</p>
        </Notice>
      );
    } else throw error;
  }

  return (
    <Card aria-labelledby="history-heading" id="history">
      <CardHeader
        title={<span id="history-heading">History</span>}
        description="What operators did to this user, newest first, from the audit log (indexed by user)."
        actions={
          <Link href={auditHref(userId)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
            Search the audit log
          </Link>
        }
      />
      {problem ? <div className="p-5">{problem}</div> : null}
      {page ? (
        <>
          <IndexNote page={page} userId={userId} />
          {page.entries.length ? (
            <ol className="divide-y divide-border" aria-label="History entries, newest first">
              {page.entries.map((entry) => (
                <HistoryEntry key={entry.id} entry={entry} userId={userId} now={now} />
              ))}
            </ol>
          ) : (
            <p className="px-5 py-8 text-center text-sm text-fg-muted">{page.page > 1 ? "No older entries." : "No recorded actions on this user yet."}</p>
          )}
          {page.nextCursor || page.page > 1 ? (
            <nav aria-label="History pages" className="flex items-center justify-between gap-3 border-t border-border px-5 py-2.5 text-sm">
              <span className="text-xs text-fg-muted">Page {page.page}</span>
              <span className="flex gap-2">
                {page.page > 1 ? (
                  <Link href={`${self}#history`} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                    Newest
                  </Link>
                ) : null}
                {page.nextCursor ? (
                  <Link href={`${hrefWith(self, { history: page.nextCursor })}#history`} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                    Show more
                  </Link>
                ) : null}
              </span>
            </nav>
          ) : null}
          <div className="px-3 pb-3">
            <QueryMeter part="History" entries={page.meter} note="one GSI Query on the user's audit index" />
          </div>
        </>
      ) : null}
    </Card>
  );
}
