import { cn } from "@/lib/format/cn";

const tones = {
  neutral: "bg-muted text-fg-muted border-border",
  success: "bg-success/10 text-success border-success/30",
  warning: "bg-warning/10 text-warning border-warning/30",
  danger: "bg-danger/10 text-danger border-danger/30",
  accent: "bg-accent/10 text-accent border-accent/30",
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({
  tone = "neutral",
  compact = false,
  className,
  ...props
}: React.HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone; compact?: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full border font-medium whitespace-nowrap",
        compact ? "px-1.5 text-[10px]" : "px-2 py-0.5 text-xs",
        tones[tone],
        className,
      )}
      {...props}
    />
  );
}
