"use client";

import { type BlockMark, BlockMarkBadge } from "@/components/block-mark";
import { IdCell } from "@/components/data-table/id-cell";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserAvatar } from "@/components/user-avatar";

/**
 * One user as the users table's body needs it. The keys are short because this is the part of
 * the page that grows with the rows: each row goes out as HTML once, plus this.
 */
export interface UserListCells {
  /** Id. */
  i: string;
  /** Name and email, when set. */
  n?: string;
  m?: string;
  /** Email verified, epoch ms. */
  v?: number;
  /** Last sign-in (epoch ms), its provider and the count of sign-ins, from gatehouse-guard. */
  s?: number;
  p?: string;
  c?: number;
  b?: BlockMark;
}

/** The users table's rows, in the columns' order (users-table.tsx): name, email, email verified, last sign-in, id. */
export function UserRows({ rows, now }: { rows: UserListCells[]; now: number }) {
  return rows.map((row, index) => (
    <tr key={row.i} {...(index === 0 ? { tabIndex: 0 } : {})} data-href={`/users/${encodeURIComponent(row.i)}`}>
      <td>
        <span className="avatar-cell">
          <UserAvatar name={row.n ?? null} email={row.m ?? null} />
          {row.n ?? <span className="text-fg-muted">No name</span>}
          {row.b ? <BlockMarkBadge mark={row.b} /> : null}
        </span>
      </td>
      <td>{row.m ?? <span className="text-fg-muted">none</span>}</td>
      <td>{row.v === undefined ? <span className="text-fg-muted">no</span> : <RelativeTime epochMs={row.v} serverNow={now} />}</td>
      <td>
        {/* Plain text: 25 rows of it; the note under the table says where it comes from. */}
        {row.s === undefined ? (
          <span className="text-fg-muted">none</span>
        ) : (
          <span className="inline-flex items-center gap-1.5">
            <RelativeTime epochMs={row.s} serverNow={now} />
            {row.p ? <span className="text-xs text-fg-muted">{row.p}</span> : null}
            {row.c ? <span className="sr-only">, {row.c} sign-ins</span> : null}
          </span>
        )}
      </td>
      <td>
        <IdCell id={row.i} label="user id" />
      </td>
    </tr>
  ));
}
