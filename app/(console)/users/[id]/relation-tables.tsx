import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { ExpiryCell } from "@/components/expiry-cell";
import { Badge } from "@/components/ui/badge";
import type { AccountRow } from "@/lib/features/accounts/schema";
import type { SessionRow } from "@/lib/features/sessions/schema";
import type { TokenRow } from "@/lib/features/tokens/schema";
import { isLastWayIn } from "@/lib/features/unlink/preview";
import type { ActionUser } from "./user-action-props";
import { UnlinkAccountButton } from "./user-actions";
import { type UserSessionCells, UserSessionRows } from "./user-session-rows";

const accountCol = createColumnHelper<typeof features, AccountRow>();
const sessionCol = createColumnHelper<typeof features, SessionRow>();
const tokenCol = createColumnHelper<typeof features, TokenRow>();

// globals.css's column class, instead of utilities repeated on every row's cell.
const actionsMeta = { label: "Actions", className: "cell-actions" };

// Said once, in the header, not on every row.
const FINGERPRINT_NOTE = "A fingerprint of the session token; the token itself never leaves the server";

export function AccountsTable({ rows, now, canAct = false, user }: { rows: AccountRow[]; now: number; canAct?: boolean; user: ActionUser }) {
  // The last way in: the only account, and no verified email to fall back on.
  const lastWayIn = isLastWayIn(rows.length, user.emailVerified);
  const columns = accountCol.columns([
    accountCol.accessor("provider", { header: "Provider", enableHiding: false, cell: (info) => <span className="font-medium">{info.getValue()}</span> }),
    accountCol.accessor("providerAccountId", { header: "Provider account id", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    accountCol.accessor("type", { header: "Type", cell: (info) => <Badge>{info.getValue()}</Badge> }),
    accountCol.accessor("scope", { header: "Scope", cell: (info) => <span className="text-xs text-fg-muted">{info.getValue() ?? "—"}</span> }),
    accountCol.accessor("expiresAt", {
      header: "Access token expires",
      cell: (info) => {
        const value = info.getValue();
        return value === null ? <span className="text-fg-muted">—</span> : <ExpiryCell expires={value} live={value > now} now={now} expiredLabel="expired" />;
      },
    }),
    accountCol.accessor("hasRefreshToken", {
      header: "Refresh token",
      cell: (info) => (info.getValue() ? <Badge tone="success">yes</Badge> : <span className="text-fg-muted">no</span>),
    }),
    ...(canAct
      ? [
          accountCol.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            enableHiding: false,
            meta: actionsMeta,
            cell: ({ row }) => (
              <UnlinkAccountButton user={user} provider={row.original.provider} providerAccountId={row.original.providerAccountId} lastWayIn={lastWayIn} />
            ),
          }),
        ]
      : []),
  ]);
  return (
    <DataTable
      caption="Linked accounts"
      columns={columns}
      data={rows}
      getRowId={(a) => `${a.provider}:${a.providerAccountId}`}
      emptyMessage="No linked accounts: this user signs in by email only."
    />
  );
}

/** The header and the "Columns" menu; the rows are UserSessionRows' (user-session-rows.tsx), in this order. */
function sessionColumns(canAct: boolean) {
  return sessionCol.columns([
    sessionCol.accessor("fingerprint", { header: () => <span title={FINGERPRINT_NOTE}>Session</span>, meta: { label: "Session" }, enableHiding: false }),
    sessionCol.accessor("live", { header: "State" }),
    sessionCol.accessor("expires", { header: "Expires" }),
    ...(canAct
      ? [
          sessionCol.display({
            id: "actions",
            header: () => <span className="sr-only">Actions</span>,
            enableHiding: false,
            meta: actionsMeta,
          }),
        ]
      : []),
  ]);
}

const toSessionCells = (s: SessionRow): UserSessionCells => ({
  f: s.fingerprint,
  ...(s.expires === null ? {} : { e: s.expires }),
  ...(s.live ? {} : { x: 1 as const }),
});

export function SessionsTable({ rows, now, canAct = false, user }: { rows: SessionRow[]; now: number; canAct?: boolean; user: ActionUser }) {
  return (
    <DataTable
      caption="Sessions"
      columns={sessionColumns(canAct)}
      data={rows}
      getRowId={(s) => s.fingerprint}
      emptyMessage="No sessions: this user is signed in nowhere."
      body={<UserSessionRows rows={rows.map(toSessionCells)} userId={user.id} owner={user.email ?? user.id} now={now} canAct={canAct} />}
    />
  );
}

export function TokensTable({ rows, now }: { rows: TokenRow[]; now: number }) {
  const columns = tokenCol.columns([
    tokenCol.accessor("identifier", { header: "Identifier", enableHiding: false }),
    tokenCol.accessor("fingerprint", { header: "Token", cell: (info) => <span className="font-mono text-xs">…{info.getValue()}</span> }),
    tokenCol.accessor("expires", {
      header: "Expires",
      cell: ({ row }) => <ExpiryCell expires={row.original.expires} live={row.original.live} now={now} expiredLabel="expired, awaiting TTL deletion" />,
    }),
  ]);
  return (
    <DataTable
      caption="Pending sign-in tokens"
      columns={columns}
      data={rows}
      getRowId={(t) => t.fingerprint}
      emptyMessage="No sign-in links pending for this email."
    />
  );
}
