import { cn } from "@/lib/format/cn";

const tones = {
  info: { icon: "icon-info", className: "border-border bg-muted text-fg", iconClass: "text-accent" },
  warning: { icon: "icon-triangle-exclamation-point", className: "border-warning/40 bg-warning/10 text-fg", iconClass: "text-warning" },
  error: { icon: "icon-circle-exclamation-point", className: "border-danger/40 bg-danger/10 text-fg", iconClass: "text-danger" },
} as const;

/** A boxed message: explanations, empty states that need words, recoverable errors. */
export function Notice({
  tone = "info",
  title,
  children,
  role,
}: {
  tone?: keyof typeof tones;
  title: string;
  children?: React.ReactNode;
  role?: "alert" | "status";
}) {
  const { icon, className, iconClass } = tones[tone];
  return (
    <div role={role} className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", className)}>
      <span className={cn("icon mt-0.5", icon, iconClass)} aria-hidden />
      <div className="min-w-0 space-y-1">
        <p className="font-medium">{title}</p>
        {children ? <div className="text-fg-muted">{children}</div> : null}
      </div>
    </div>
  );
}
