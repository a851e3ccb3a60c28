import { cn } from "@/lib/format/cn";

/** Each tone is a class in globals.css (.badge-*): lists show a few badges a row, and a class name is shorter than its utilities. */
export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "accent";

export function Badge({
  tone = "neutral",
  compact = false,
  className,
  ...props
}: React.HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone; compact?: boolean }) {
  return <span className={cn("badge", compact && "badge-compact", `badge-${tone}`, className)} {...props} />;
}
