"use client";

import { RevokeSessionButton } from "@/components/actions/revoke-session-button";
import { RelativeTime } from "@/components/ui/relative-time";

/**
 * One of the user's sessions as their sessions table's body needs it. The keys are short and the
 * user's id and email are passed once beside the rows: a server-drawn row went out twice (its HTML
 * and its RSC payload), with the Revoke button's whole target on each; this one is its HTML plus these.
 */
export interface UserSessionCells {
  /** The session token's fingerprint. */
  f: string;
  /** Expires, epoch ms; absent when the session has none. */
  e?: number;
  /** Expired, awaiting TTL (absent while live). */
  x?: 1;
}

/** The user page's sessions, in the columns' order (relation-tables.tsx): session, state, expires, actions. */
export function UserSessionRows({
  rows,
  userId,
  owner,
  now,
  canAct,
}: {
  rows: UserSessionCells[];
  userId: string;
  owner: string;
  now: number;
  canAct: boolean;
}) {
  return rows.map((row, index) => (
    <tr key={row.f} tabIndex={index === 0 ? 0 : undefined}>
      <td>
        <span className="font-mono text-xs">…{row.f}</span>
      </td>
      {/* Badge's classes (components/ui/badge.tsx), written out: importing it would add its code to the page's first load. */}
      <td>{row.x ? <span className="badge badge-warning">expired, awaiting TTL</span> : <span className="badge badge-success">live</span>}</td>
      <td>
        {row.e === undefined ? (
          <span className="text-fg-muted">no expiry</span>
        ) : (
          <span className="expiry-cell">
            <RelativeTime epochMs={row.e} serverNow={now} />
          </span>
        )}
      </td>
      {canAct ? (
        <td className="cell-actions">
          <RevokeSessionButton session={{ userId, fingerprint: row.f, expires: row.e ?? null, owner }} now={now} />
        </td>
      ) : null}
    </tr>
  ));
}
