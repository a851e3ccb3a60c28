import Link from "next/link";
import { Notice } from "@/components/notice";

/** One labelled field of a list's filter form. */
export function LabelledField({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-fg-muted">
        {label}
      </label>
      {children}
    </div>
  );
}

/** What a list says instead of reading when its filters can't be used: each problem, and the way back. */
export function UnusableFilters({ problems, clearHref }: { problems: readonly string[]; clearHref: string }) {
  return (
    <Notice tone="error" role="alert" title="These filters can’t be used, so nothing was read.">
      <ul className="list-disc space-y-0.5 pl-4">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p className="pt-1">
        Fix them above, or{" "}
        <Link href={clearHref} className="font-medium text-accent hover:underline">
          clear the filters
        </Link>
        .
      </p>
    </Notice>
  );
}
