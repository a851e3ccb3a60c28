"use client";

import { RevokeSessionButton } from "@/components/actions/revoke-session-button";
import { RowSelectionProvider, SelectRowCheckbox } from "@/components/data-table/row-selection";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { cellUser, UserCell, type UserCells } from "@/components/user-cell";

/**
 * One session row as the sessions table's body needs it. The keys are short because this is
 * the part of the page that grows with the rows: each row goes out as HTML once, plus this.
 */
export interface SessionCells extends UserCells {
  /** The owner's user id. */
  u: string;
  /** The session token's fingerprint. */
  f: string;
  /** Expires, epoch ms; absent when the session has none. */
  e?: number;
  /** Expired, awaiting TTL (absent while live). */
  x?: 1;
  /** Last active ≈, epoch ms; absent when unknown. */
  a?: number;
}

export const sessionKey = (row: SessionCells) => `${row.u}:${row.f}`;
export const sessionHref = (row: SessionCells) => `/users/${encodeURIComponent(row.u)}#sessions`;
export const sessionOwner = (row: SessionCells) => row.m ?? row.u;

/** The sessions table's rows, in the columns' order (sessions-table.tsx): select, session, user, state, expires, last active, actions. */
export function SessionRows({ rows, now, canAct }: { rows: SessionCells[]; now: number; canAct: boolean }) {
  return rows.map((row, index) => {
    const href = sessionHref(row);
    return (
      <tr key={sessionKey(row)} {...(index === 0 ? { tabIndex: 0 } : {})} data-href={href}>
        {canAct ? (
          <td className="cell-select">
            <SelectRowCheckbox rowKey={sessionKey(row)} label={`Select session …${row.f}`} />
          </td>
        ) : null}
        <td>
          <span className="font-mono text-xs">…{row.f}</span>
        </td>
        <td>
          <UserCell user={cellUser(row, row.u)} userId={row.u} href={href} />
        </td>
        <td>{row.x ? <Badge tone="warning">expired, awaiting TTL</Badge> : <Badge tone="success">live</Badge>}</td>
        <td>{row.e === undefined ? <span className="text-fg-muted">no expiry</span> : <RelativeTime epochMs={row.e} serverNow={now} />}</td>
        <td>{row.a === undefined ? <span className="text-fg-muted">unknown</span> : <RelativeTime epochMs={row.a} serverNow={now} />}</td>
        {canAct ? (
          <td className="cell-actions">
            <RevokeSessionButton session={{ userId: row.u, fingerprint: row.f, expires: row.e ?? null, owner: sessionOwner(row) }} now={now} />
          </td>
        ) : null}
      </tr>
    );
  });
}

/** The selection over these rows: their keys are derived here rather than sent beside the rows. */
export function SessionSelection({ rows, children }: { rows: SessionCells[]; children: React.ReactNode }) {
  return <RowSelectionProvider keys={rows.map(sessionKey)}>{children}</RowSelectionProvider>;
}
