import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { MergeUsersButton } from "@/components/actions/merge-users-button";
import { BlockBadge } from "@/components/block-badge";
import { Notice } from "@/components/notice";
import { QueryMeter } from "@/components/query-meter";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserAvatar } from "@/components/user-avatar";
import { mayAct } from "@/lib/auth/may-act";
import { requireOperator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { mergeMeters } from "@/lib/dynamo/meter";
import { blockTerm, formatUtc } from "@/lib/features/block/contract";
import { linkableImageUrl } from "@/lib/features/edit-user/preview";
import { getGuardStatus } from "@/lib/features/guard/heartbeats";
import { getUserDetail } from "@/lib/features/users/detail";
import { LAST_ACTIVE_NOTE, lastActiveEstimate } from "@/lib/features/users/last-active";
import { isPlausibleId, param, type SearchParams } from "@/lib/http/search-params";
import { EditUserButton } from "./edit-user-button";
import { AccountsTable, SessionsTable, TokensTable } from "./relation-tables";
import { SendSignInLink } from "./send-sign-in-link";
import type { ActionUser } from "./user-action-props";
import { BlockUserButton, DeleteUserButton, RevokeAllSessionsButton, UnblockUserButton } from "./user-actions";
import { exactTimes, readUserActivity, UserActivitySection } from "./user-activity";
import { UserHistory } from "./user-history";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const operator = await requireOperator();
  const { id: encoded } = await params;
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    notFound();
  }
  if (!isPlausibleId(id)) notFound();
  const historyCursor = param(await searchParams, "history", 16384);
  const canAct = mayAct(operator);
  const [detail, guard, activity] = await Promise.all([
    getUserDetail(operator, id),
    canAct ? getGuardStatus(operator) : null,
    readUserActivity(operator, id, Date.now()),
  ]);
  if (!detail) notFound();
  const exact = exactTimes(activity);
  const { user, accounts, sessions, tokens, raw, now } = detail;
  // The guard's record, or the newest sign-in event where that is newer (a database session with no guard to record it).
  const lastSignIn =
    exact.signIn && (!user.lastSignInAt || exact.signIn.at > user.lastSignInAt)
      ? exact.signIn
      : user.lastSignInAt
        ? { at: user.lastSignInAt, provider: user.lastSignInProvider ?? undefined }
        : undefined;
  const live = sessions.filter((s) => s.live).length;
  const signInWays = accounts.length + (user.emailVerified ? 1 : 0);
  const lastActive = lastActiveEstimate(
    sessions.map((s) => s.expires),
    serverConfig().productSessionSeconds,
    now,
  );
  const block = user.block;
  const actionUser: ActionUser = { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified !== null };
  const editable = { email: user.email, name: user.name, image: user.image, emailVerified: user.emailVerified };
  const imageHref = linkableImageUrl(user.image);

  return (
    <>
      <Link href="/users" className="mb-4 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg">
        <span className="icon icon-chevron-left" aria-hidden />
        Users
      </Link>
      <header className="mb-6 space-y-4">
        <div className="flex items-center gap-4">
          <UserAvatar name={user.name} email={user.email} size="lg" />
          <div className="min-w-0 flex-1">
            <h1 className="text-2xl font-semibold tracking-tight">{user.name ?? user.email ?? user.id}</h1>
            <p className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-fg-muted">
              <span data-testid="user-email">{user.email ?? "no email"}</span>
              {user.emailVerified ? (
                <Badge tone="success">
                  verified <RelativeTime epochMs={Date.parse(user.emailVerified)} serverNow={now} />
                </Badge>
              ) : (
                <Badge>email not verified</Badge>
              )}
              <BlockBadge block={block} />
              <span className="inline-flex items-center gap-1 font-mono text-xs">
                {user.id}
                <CopyButton value={user.id} label="user id" />
              </span>
            </p>
            <dl className="mt-1.5 flex flex-wrap gap-x-5 gap-y-1 text-sm">
              <div className="flex gap-1.5">
                <dt className="text-fg-muted">Last sign-in</dt>
                <dd data-testid="last-sign-in">
                  {lastSignIn ? (
                    <>
                      <RelativeTime epochMs={Date.parse(lastSignIn.at)} serverNow={now} />
                      {lastSignIn.provider ? ` with ${lastSignIn.provider}` : ""}
                      {user.signInCount ? <span className="text-fg-muted"> · {user.signInCount.toLocaleString("en-US")} sign-ins</span> : null}
                    </>
                  ) : (
                    <span className="text-fg-muted" title="gatehouse-guard records sign-ins in the product">
                      not recorded
                    </span>
                  )}
                </dd>
              </div>
              {exact.active ? (
                <div className="flex gap-1.5">
                  <dt className="text-fg-muted" title="From this user's product events">
                    Last active
                  </dt>
                  <dd data-testid="last-active">
                    <RelativeTime epochMs={Date.parse(exact.active.at)} serverNow={now} />
                  </dd>
                </div>
              ) : (
                <div className="flex gap-1.5">
                  <dt className="text-fg-muted" title={LAST_ACTIVE_NOTE}>
                    Last active ≈
                  </dt>
                  <dd data-testid="last-active">
                    {lastActive === null ? <span className="text-fg-muted">no session</span> : <RelativeTime epochMs={lastActive} serverNow={now} />}
                    <span className="text-xs text-fg-muted"> (estimate, ± the product&apos;s updateAge)</span>
                  </dd>
                </div>
              )}
              {user.image ? (
                <div className="flex min-w-0 gap-1.5">
                  <dt className="text-fg-muted" title="Never loaded by the console: its host would learn who looked at this user">
                    Image
                  </dt>
                  <dd className="min-w-0 truncate" data-testid="user-image">
                    {/* A link, never an <img>: the console does not fetch third-party avatars. */}
                    {imageHref ? (
                      <a
                        href={imageHref}
                        target="_blank"
                        rel="noopener noreferrer nofollow"
                        referrerPolicy="no-referrer"
                        className="font-mono text-xs text-accent hover:underline"
                        title={imageHref}
                      >
                        {imageHref.length > 60 ? `${imageHref.slice(0, 57)}…` : imageHref}
                      </a>
                    ) : (
                      <span className="font-mono text-xs text-fg-muted" title="Not an http(s) URL, so not a link">
                        {user.image.length > 60 ? `${user.image.slice(0, 57)}…` : user.image}
                      </span>
                    )}
                  </dd>
                </div>
              ) : null}
            </dl>
          </div>
        </div>
        {canAct ? (
          // A row of buttons named as a group; a fieldset would bring form semantics and styling to what is no form.
          // biome-ignore lint/a11y/useSemanticElements: see above
          <div role="group" aria-label="Actions on this user" className="flex flex-wrap items-center gap-2">
            <EditUserButton key={JSON.stringify(editable)} userId={user.id} seen={editable} tokens={tokens} now={now} />
            <SendSignInLink user={actionUser} block={block} />
            {guard ? (
              // Only what the dialog shows: the heartbeats and the meter would go to the browser for nothing.
              <BlockUserButton user={actionUser} block={block} sessions={sessions.length} guard={{ active: guard.active, text: guard.text }} />
            ) : null}
            <MergeUsersButton start={{ kind: "user", user: { id: user.id, email: user.email } }} size="md" />
            {/* A POST, so no link on another site can start an audited export; the answer is a download, so the page stays. */}
            <form method="post" action={`/users/${encodeURIComponent(user.id)}/export`} className="contents">
              <button
                type="submit"
                className={buttonClasses({ variant: "secondary" })}
                title="One JSON document: the user, their accounts (tokens reduced to their presence), sessions and sign-in tokens as fingerprints, and their history"
              >
                <span className="icon icon-download" aria-hidden />
                Export data
              </button>
            </form>
            <DeleteUserButton
              user={actionUser}
              providers={accounts.map((a) => a.provider)}
              sessions={sessions.length}
              tokens={tokens.length}
              otherItems={detail.otherItems}
            />
          </div>
        ) : null}
      </header>

      {block ? (
        <div className="mb-5" data-testid="block-banner">
          <Notice
            tone={block.active ? "error" : "info"}
            role="status"
            title={block.active ? `Blocked ${blockTerm(block)}` : `A block ended ${blockTerm(block).replace("until ", "")}`}
          >
            <p>
              Blocked by <span className="font-medium text-fg">{block.by || "unknown"}</span>
              {block.since && !Number.isNaN(Date.parse(block.since)) ? ` on ${formatUtc(Date.parse(block.since))}` : ""}
              {block.reason ? (
                <>
                  : <span className="text-fg">{block.reason}</span>
                </>
              ) : null}
              .{block.until ? null : " Permanent, until unblocked."}
            </p>
            {block.active ? (
              <p>Where the product runs gatehouse-guard, their sign-ins are refused and their sessions end.</p>
            ) : (
              <p>The guard no longer refuses them; Unblock removes the record.</p>
            )}
            {canAct ? (
              <div className="mt-2">
                <UnblockUserButton user={actionUser} block={block} />
              </div>
            ) : null}
          </Notice>
        </div>
      ) : null}

      {signInWays === 0 ? (
        <div className="mb-5">
          <Notice tone="warning" title="This user has no way to sign in">
            No linked account and no verified email: only a new magic link (which verifies the email) lets them back in.
          </Notice>
        </div>
      ) : null}

      <div className="space-y-5">
        <Card aria-labelledby="accounts-heading">
          <CardHeader
            title={<span id="accounts-heading">Linked accounts ({accounts.length})</span>}
            description="How this user signs in through OAuth/OIDC. Tokens are held in the table but never shown."
          />
          <div className="p-3">
            <AccountsTable rows={accounts} now={now} canAct={canAct} user={actionUser} />
          </div>
        </Card>
        <Card aria-labelledby="sessions-heading" id="sessions">
          <CardHeader
            title={<span id="sessions-heading">Sessions ({sessions.length})</span>}
            description={`${live} live, ${sessions.length - live} expired but not yet deleted by TTL. Identified by fingerprints, never by token.`}
            actions={
              canAct ? (
                <RevokeAllSessionsButton user={actionUser} fingerprints={sessions.map((s) => s.fingerprint)} guardActive={guard?.active === true} />
              ) : null
            }
          />
          <div className="p-3">
            <SessionsTable rows={sessions} now={now} canAct={canAct} user={actionUser} />
          </div>
        </Card>
        <Card aria-labelledby="tokens-heading">
          <CardHeader
            title={<span id="tokens-heading">Pending sign-in tokens ({tokens.length})</span>}
            description={`Magic links requested for ${user.email ?? "this user"} and not yet used.`}
          />
          <div className="p-3">
            <TokensTable rows={tokens} now={now} />
          </div>
        </Card>
        <UserActivitySection activity={activity} userId={user.id} email={user.email} now={now} />
        <Suspense key={historyCursor ?? ""} fallback={<HistorySkeleton />}>
          <UserHistory operator={operator} userId={user.id} cursor={historyCursor} now={now} />
        </Suspense>
        <Card aria-labelledby="raw-heading">
          <CardHeader
            title={<span id="raw-heading">Raw items ({raw.length})</span>}
            description="Exactly what is stored. Attributes not known to be safe show only their type and size; tokens in keys are fingerprints."
          />
          <div className="divide-y divide-border">
            {raw.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a server-rendered list that never reorders, and its labels repeat ("Other item")
              <details key={index} className="raw-item">
                <summary className="raw-item-label">{entry.label}</summary>
                <pre className="raw-item-json">{JSON.stringify(entry.item, null, 2)}</pre>
              </details>
            ))}
          </div>
        </Card>
      </div>
      <QueryMeter
        entries={mergeMeters([...detail.meter, ...(guard?.meter ?? []), ...("meter" in activity ? activity.meter : [])])}
        note={`One Query on the user's partition, one on their email's sign-in tokens, one on their activity's index partition${guard ? ", one on the guard's heartbeats" : ""}`}
      />
    </>
  );
}

function HistorySkeleton() {
  return (
    <Card aria-labelledby="history-heading" id="history" aria-busy="true">
      <CardHeader title={<span id="history-heading">History</span>} description="Reading the audit log…" />
      <div role="status" className="space-y-3 p-5">
        <span className="sr-only">Loading history…</span>
        {[0, 1, 2].map((row) => (
          <div key={row} aria-hidden className="skeleton-bar h-3 w-3/4" />
        ))}
      </div>
    </Card>
  );
}
