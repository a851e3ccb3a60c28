import { cn } from "@/lib/format/cn";

/** A form field's look without its size: pair it with a height, width, padding and text size. */
export const fieldBaseClasses = "field"; // globals.css

export const fieldClasses = `${fieldBaseClasses} h-9 w-full px-3 text-sm`;

/** `withIcon` leaves room on the left for an icon laid over the field. */
export function Input({ className, type = "text", withIcon = false, ...props }: React.ComponentProps<"input"> & { withIcon?: boolean }) {
  return <input type={type} className={cn(fieldBaseClasses, "h-9 w-full pr-3 text-sm", withIcon ? "pl-8" : "pl-3", className)} {...props} />;
}
