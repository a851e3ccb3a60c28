import { fieldBaseClasses } from "@/components/ui/input";
import { cn } from "@/lib/format/cn";

/** A styled native <select>: keyboard, mobile and form behaviour come from the browser. */
export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cn(fieldBaseClasses, className ?? "h-9 w-full px-2.5 text-sm")} {...props} />;
}
