import { cn } from "@/lib/format/cn";

import { fieldBaseClasses } from "./field-classes";

export { fieldBaseClasses };

export const fieldClasses = `${fieldBaseClasses} h-9 w-full px-3 text-sm`;

/** `withIcon` leaves room on the left for an icon laid over the field. */
export function Input({ className, type = "text", withIcon = false, ...props }: React.ComponentProps<"input"> & { withIcon?: boolean }) {
  return <input type={type} className={cn(fieldBaseClasses, "h-9 w-full pr-3 text-sm", withIcon ? "pl-8" : "pl-3", className)} {...props} />;
}
