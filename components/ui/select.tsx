import { cn } from "@/lib/cn";
import { fieldClasses } from "@/components/ui/input";

/** A styled native <select>: keyboard, mobile and form behaviour come from the browser. */
export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cn(fieldClasses, "px-2.5", className)} {...props} />;
}
