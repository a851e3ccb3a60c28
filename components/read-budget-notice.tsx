import Link from "next/link";
import { Notice } from "@/components/notice";
import { buttonClasses } from "@/components/ui/button";

/**
 * A list the operator's read budget refused: the budget's own message (how much, and when to
 * retry, as the doctor says it) and a link that asks for the same page again.
 */
export function ReadBudgetNotice({ title, message, retryHref }: { title: string; message: string; retryHref: string }) {
  return (
    <Notice tone="warning" role="alert" title={title}>
      <p>{message}</p>
      <Link href={retryHref} className={buttonClasses({ size: "sm", variant: "secondary", className: "mt-2" })}>
        Try again
      </Link>
    </Notice>
  );
}
