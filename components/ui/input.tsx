import { cn } from "@/lib/cn";

export const fieldClasses =
  "h-9 w-full rounded-md border border-border bg-bg px-3 text-sm text-fg outline-none transition-colors placeholder:text-fg-muted focus:border-accent aria-[invalid=true]:border-danger disabled:cursor-not-allowed disabled:opacity-50";

export function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return <input type={type} className={cn(fieldClasses, className)} {...props} />;
}
