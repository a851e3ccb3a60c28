import { cn } from "@/lib/format/cn";

// Short classes from globals.css: a button's class string is sent with every button, in the HTML and again in the RSC payload.
const variants = { primary: "btn-primary", secondary: "btn-secondary", ghost: "btn-ghost", danger: "btn-danger" } as const;

const sizes = { sm: "btn-sm", md: "btn-md" } as const;

export interface ButtonProps extends React.ComponentProps<"button"> {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
}

export function buttonClasses({ variant = "primary", size = "md", className }: Pick<ButtonProps, "variant" | "size" | "className">) {
  return cn(
    "btn", // globals.css
    variants[variant],
    sizes[size],
    className,
  );
}

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses({ variant, size, className })} {...props} />;
}
