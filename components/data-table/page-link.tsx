import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/**
 * A pager's Previous, Next or First page: a link while there is such a page, else the same face
 * dimmed and out of the tab order, so the pager keeps its shape on the first and last page.
 * `scroll={false}` keeps the reader where they are when the pager sits under other content.
 */
export function PageLink({ href, label, icon, rel, scroll }: { href?: string; label: string; icon?: React.ReactNode; rel?: string; scroll?: boolean }) {
  return href ? (
    <Link href={href} rel={rel} scroll={scroll} className={buttonClasses({ variant: "secondary", size: "sm" })}>
      {icon}
      {label}
    </Link>
  ) : (
    <span aria-disabled="true" className={buttonClasses({ variant: "secondary", size: "sm", className: "pointer-events-none opacity-50" })}>
      {icon}
      {label}
    </span>
  );
}
