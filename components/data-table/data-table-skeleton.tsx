import { cn } from "@/lib/cn";

const widths = ["w-3/4", "w-1/2", "w-2/3", "w-5/6", "w-2/5"];

/** `.skeleton-bar` and `.skeleton-row` are in globals.css: this markup is sent twice (HTML and RSC payload) on every streamed page. */
function Bar({ className }: { className?: string }) {
  return <div className={cn("skeleton-bar", className)} />;
}

/** Placeholder shaped like DataTable (toolbar, header, rows) for loading.tsx files. */
export function DataTableSkeleton({ columns = 4, rows = 10 }: { columns?: number; rows?: number }) {
  const cols = Array.from({ length: columns }, (_, c) => c);
  return (
    <div role="status" aria-busy="true" className="space-y-3">
      <span className="sr-only">Loading…</span>
      <div aria-hidden className="flex justify-end">
        <div className="h-8 w-24 animate-pulse rounded-md bg-muted" />
      </div>
      <div aria-hidden className="overflow-hidden rounded-lg border border-border bg-surface">
        <div className="flex h-9 items-center gap-6 border-b border-border px-3">
          {cols.map((c) => (
            <div key={c} className="flex-1">
              <Bar className="h-2.5 w-16" />
            </div>
          ))}
        </div>
        {/* Bar widths vary by position (globals.css): the same look without a class per bar. */}
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="skeleton-row">
            {cols.map((c) => (
              <i key={c} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
