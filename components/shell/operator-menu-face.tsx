import type { OperatorMenuProps } from "./operator-menu-props";

/**
 * The trigger's content, which is also its accessible name ("Operator menu for <email> <role>"):
 * no aria-label, so the name always contains the visible text (WCAG 2.5.3, Label in Name).
 */
export function OperatorFace({ email, role }: Pick<OperatorMenuProps, "email" | "role">) {
  return (
    <>
      <span className="sr-only">Operator menu for </span>
      <span aria-hidden className="grid size-7 shrink-0 place-items-center rounded-full bg-accent/15 text-xs font-semibold text-accent uppercase">
        {email.slice(0, 1)}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium">{email}</span>{" "}
        <span className="block text-xs text-fg-muted" data-testid="operator-role">
          {role}
        </span>
      </span>
      <span className="icon icon-chevrons-up-down size-4 text-fg-muted" aria-hidden />
    </>
  );
}
