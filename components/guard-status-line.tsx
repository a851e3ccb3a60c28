import Link from "next/link";
import { cn } from "@/lib/format/cn";

/** The guard status sentence ("Guard active: …" or "No guard seen: …"), with the way to the guard's README. */
export function GuardStatusLine({ status, icon = true, className }: { status: { active: boolean; text: string }; icon?: boolean; className?: string }) {
  return (
    <p className={cn("flex gap-2 text-sm", className)}>
      {icon ? <span className={cn("icon mt-0.5", status.active ? "icon-shield-check text-success" : "icon-shield-off text-warning")} aria-hidden /> : null}
      <span>
        <span data-testid="guard-status">{status.text}</span>
        {status.active ? null : "."}{" "}
        <Link href="/guard" className="font-medium text-accent hover:underline">
          {status.active ? "About the guard" : "How to add the guard"}
        </Link>
      </span>
    </p>
  );
}
