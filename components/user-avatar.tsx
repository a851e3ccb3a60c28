import { cn } from "@/lib/format/cn";

/**
 * Initials, never the stored image URL: loading third-party avatars would tell their hosts
 * which operator looked at which user.
 */
export function UserAvatar({
  name,
  email,
  size = "sm",
  tone = "accent",
}: {
  name: string | null;
  email: string | null;
  size?: "sm" | "lg";
  tone?: "accent" | "warning";
}) {
  const source = name ?? email ?? "?";
  const initials = source
    .split(/[\s.@_-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join("");
  return (
    <span aria-hidden className={cn("avatar", size === "lg" && "size-12 text-base", tone === "warning" && "bg-warning/15 text-warning")}>
      {initials || "?"}
    </span>
  );
}
