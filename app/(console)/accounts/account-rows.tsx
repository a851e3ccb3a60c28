"use client";

import { ExpiryCell } from "@/components/expiry-cell";
import { Badge } from "@/components/ui/badge";
import { cellUser, UserCell, type UserCells } from "@/components/user-cell";

/**
 * One linked account as the accounts table's body needs it. The keys are short because this is
 * the part of the page that grows with the rows: each row goes out as HTML once, plus this.
 */
export interface AccountCells extends UserCells {
  /** The owner's user id. */
  u: string;
  /** The provider account id. */
  p: string;
  /** The account type. */
  t: string;
  /** The granted scope, when stored. */
  s?: string;
  /** Access-token expiry, epoch ms, when stored. */
  e?: number;
}

/** The accounts table's rows, in the columns' order (accounts-table.tsx): user, provider account id, type, scope, access token expires. */
export function AccountRows({ rows, now }: { rows: AccountCells[]; now: number }) {
  return rows.map((row, index) => {
    const href = `/users/${encodeURIComponent(row.u)}`;
    return (
      <tr key={row.p} {...(index === 0 ? { tabIndex: 0 } : {})} data-href={href}>
        <td>
          <UserCell user={cellUser(row, row.u)} userId={row.u} href={href} />
        </td>
        <td>
          <span className="font-mono text-xs">{row.p}</span>
        </td>
        <td>
          <Badge>{row.t}</Badge>
        </td>
        <td className="max-w-72">
          {row.s ? (
            <span className="block truncate text-xs text-fg-muted" title={row.s}>
              {row.s}
            </span>
          ) : (
            <span className="text-fg-muted">—</span>
          )}
        </td>
        <td>
          {row.e === undefined ? <span className="text-fg-muted">—</span> : <ExpiryCell expires={row.e} live={row.e > now} now={now} expiredLabel="expired" />}
        </td>
      </tr>
    );
  });
}
