import { cn } from "@/lib/format/cn";

export interface ButtonProps extends React.ComponentProps<"button"> {
  variant?: "primary" | "secondary" | "ghost" | "danger";
  size?: "sm" | "md";
}

/**
 * Short classes from globals.css (.btn, .btn-<variant>, .btn-<size>): a button's class string is
 * sent with every button, in the HTML and again in the RSC payload, and named this way the
 * classes need no lookup table in the browser's code either.
 */
export function buttonClasses({ variant = "primary", size = "md", className }: Pick<ButtonProps, "variant" | "size" | "className">) {
  return cn("btn", `btn-${variant}`, `btn-${size}`, className);
}

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses({ variant, size, className })} {...props} />;
}
