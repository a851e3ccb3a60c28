import Link from "next/link";
import { type BlockMark, BlockMarkBadge } from "@/components/block-mark";
import { Badge } from "@/components/ui/badge";
import { UserAvatar } from "@/components/user-avatar";
import type { UserRef } from "@/lib/features/users/schema";

/** The user as the cell shows it; the block as its badge's text (blockMark), so lists drawn in the browser need no block rules. */
export type UserCellUser = Pick<UserRef, "id" | "name" | "email"> & { block: BlockMark | null };

/**
 * The owner's fields of a list row drawn in the browser (sessions, accounts), short and absent
 * rather than null: they are what grows with the rows. `gone` when the user item no longer exists.
 * Made on the server by userCells (user-cells.ts).
 */
export interface UserCells {
  n?: string;
  m?: string;
  b?: BlockMark;
  gone?: 1;
}

export const cellUser = (row: UserCells, userId: string): UserCellUser | null =>
  row.gone ? null : { id: userId, name: row.n ?? null, email: row.m ?? null, block: row.b ?? null };

/**
 * The user behind an account or session row. `user` is null when the row points at a user
 * item that no longer exists (an orphan the adapter's 25-item `deleteUser` can leave behind).
 */
export function UserCell({ user, userId, href }: { user: UserCellUser | null | undefined; userId: string; href: string }) {
  if (!user) {
    return (
      <span className="flex items-center gap-2.5">
        <UserAvatar name={null} email={null} tone="warning" />
        <span className="flex flex-col leading-tight">
          <Badge tone="warning" className="self-start">
            user item missing
          </Badge>
          <Link href={href} className="mt-0.5 font-mono text-xs text-fg-muted hover:text-fg hover:underline" title={userId}>
            {userId.length > 18 ? `${userId.slice(0, 18)}…` : userId}
          </Link>
        </span>
      </span>
    );
  }
  // Classes from globals.css (.user-cell*): this cell is on every row of a list.
  return (
    <span className="user-cell">
      <UserAvatar name={user.name} email={user.email} />
      <span className="user-cell-text">
        <span className="user-cell-name">
          <Link href={href} className="user-cell-link">
            {user.name ?? user.email ?? <span className="font-mono text-xs">{user.id}</span>}
          </Link>
          {user.block ? <BlockMarkBadge mark={user.block} compact /> : null}
        </span>
        {user.name && user.email ? <span className="user-cell-email">{user.email}</span> : null}
      </span>
    </span>
  );
}
