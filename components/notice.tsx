import { CircleAlert, Info, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/format/cn";

const tones = {
  info: { Icon: Info, className: "border-border bg-muted text-fg", iconClass: "text-accent" },
  warning: { Icon: TriangleAlert, className: "border-warning/40 bg-warning/10 text-fg", iconClass: "text-warning" },
  error: { Icon: CircleAlert, className: "border-danger/40 bg-danger/10 text-fg", iconClass: "text-danger" },
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
  const { Icon, className, iconClass } = tones[tone];
  return (
    <div role={role} className={cn("flex gap-3 rounded-lg border px-4 py-3 text-sm", className)}>
      <Icon className={cn("mt-0.5 size-4 shrink-0", iconClass)} aria-hidden />
      <div className="min-w-0 space-y-1">
        <p className="font-medium">{title}</p>
        {children ? <div className="text-fg-muted">{children}</div> : null}
      </div>
    </div>
  );
}
