import { blockMark } from "@/components/block-badge";
import type { UserCells } from "@/components/user-cell";
import type { UserRef } from "@/lib/features/users/schema";

/** A list row's owner as UserCells (user-cell.tsx); the block's badge text is worked out here, on the server. */
export function userCells(user: UserRef | null | undefined): UserCells {
  if (!user) return { gone: 1 };
  return {
    ...(user.name === null ? {} : { n: user.name }),
    ...(user.email === null ? {} : { m: user.email }),
    ...(user.block ? { b: blockMark(user.block) } : {}),
  };
}
