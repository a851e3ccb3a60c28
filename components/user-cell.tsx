import Link from "next/link";
import { BlockBadge } from "@/components/block-badge";
import { Badge } from "@/components/ui/badge";
import { UserAvatar } from "@/components/user-avatar";
import type { UserRef } from "@/lib/features/users/schema";

/**
 * The user behind an account or session row. `user` is null when the row points at a user
 * item that no longer exists (an orphan the adapter's 25-item `deleteUser` can leave behind).
 */
export function UserCell({ user, userId, href }: { user: UserRef | null | undefined; userId: string; href: string }) {
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
  return (
    <span className="flex items-center gap-2.5">
      <UserAvatar name={user.name} email={user.email} />
      <span className="flex min-w-0 flex-col leading-tight">
        <span className="flex items-center gap-1.5">
          <Link href={href} className="font-medium hover:underline">
            {user.name ?? user.email ?? <span className="font-mono text-xs">{user.id}</span>}
          </Link>
          <BlockBadge block={user.block} compact />
        </span>
        {user.name && user.email ? <span className="text-xs text-fg-muted">{user.email}</span> : null}
      </span>
    </span>
  );
}
