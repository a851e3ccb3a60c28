"use client";

import { Button } from "@/components/ui/button";
import type { ListJobPreview } from "@/lib/features/list-jobs/preview";
import { formatCount } from "@/lib/format/format";
import { saveText } from "./save-text";

/** Enough to read through; the download has them all. */
const SHOWN = 500;

function EntryList({ title, entries, testId, action }: { title: string; entries: readonly string[]; testId: string; action?: React.ReactNode }) {
  if (entries.length === 0) return null;
  return (
    <section aria-label={title} data-testid={testId} className="space-y-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium">
          {title} <span className="font-normal text-fg-muted">({formatCount(entries.length)})</span>
        </h3>
        {action}
      </div>
      {/* A scroll region is one tab stop, so the keyboard can scroll it. */}
      <ul
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll region must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable)
        tabIndex={0}
        aria-label={`${title}: the entries`}
        className="max-h-48 overflow-auto rounded-md border border-border bg-muted/40 px-3 py-2 font-mono text-xs leading-5"
      >
        {entries.slice(0, SHOWN).map((entry) => (
          <li key={entry} className="truncate" title={entry}>
            {entry}
          </li>
        ))}
        {entries.length > SHOWN ? <li className="font-sans text-fg-muted">and {formatCount(entries.length - SHOWN)} more</li> : null}
      </ul>
    </section>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-md border border-border px-3 py-2">
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone ?? ""}`}>{formatCount(value)}</dd>
    </div>
  );
}

/** What resolving found: found, not found (with a download of them), already blocked. */
export function ListPreview({ preview }: { preview: ListJobPreview }) {
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="preview-counts">
        <Stat label="Listed" value={preview.total} />
        <Stat label="Found" value={preview.found} tone="text-success" />
        <Stat label="Not found" value={preview.notFound.length} tone={preview.notFound.length ? "text-warning" : undefined} />
        <Stat label="Already blocked" value={preview.alreadyBlocked.length} />
      </dl>
      {preview.found === 0 ? <p className="text-sm text-fg-muted">No listed entry names a user: there is nothing to act on.</p> : null}
      <EntryList
        title="Not found"
        entries={preview.notFound}
        testId="not-found"
        action={
          <Button variant="secondary" size="sm" onClick={() => saveText("not-found.txt", `${preview.notFound.join("\n")}\n`)}>
            <span className="icon icon-download size-3.5" aria-hidden />
            Download not found
          </Button>
        }
      />
      <EntryList title="Already blocked" entries={preview.alreadyBlocked} testId="already-blocked" />
    </div>
  );
}
