import { cn } from "@/lib/cn";

/**
 * Initials, never the stored image URL: loading third-party avatars would tell their hosts
 * which operator looked at which user.
 */
export function UserAvatar({ name, email, className }: { name: string | null; email: string | null; className?: string }) {
  const source = name ?? email ?? "?";
  const initials = source
    .split(/[\s.@_-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
  return (
    <span aria-hidden className={cn("grid size-7 shrink-0 place-items-center rounded-full bg-accent/15 text-[11px] font-semibold text-accent", className)}>
      {initials || "?"}
    </span>
  );
}
