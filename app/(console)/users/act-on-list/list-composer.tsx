"use client";

import { type ComponentProps, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cardClasses } from "@/components/ui/card-classes";
import { deferred } from "@/components/ui/deferred";
import { UNREACHABLE } from "@/lib/actions/unreachable";
import { resolveListEntriesAction } from "@/lib/features/list-jobs/action";
import { MAX_LIST_ENTRIES, parseList } from "@/lib/features/list-jobs/entries";
import type { ResolvedEntry } from "@/lib/features/list-jobs/preview";
import { formatCount } from "@/lib/format/format";
import type { ActionChoice } from "./action-form";
import { takeDraft } from "./draft";
import { ListInput } from "./list-input";
import type { ProgressBar as ProgressBarType } from "./progress-bar";
import type { ResolvedSteps as ResolvedStepsType } from "./resolved-steps";

// Steps 2 and 3 appear only once the list is resolved: their code loads when resolving starts.
const ResolvedSteps = deferred<ComponentProps<typeof ResolvedStepsType>>(() =>
  import("./resolved-steps").then((module) => ({ default: module.ResolvedSteps })),
);

// Shown only while resolving: its code is fetched when Resolve is pressed.
const ProgressBar = deferred<ComponentProps<typeof ProgressBarType>>(() => import("./progress-bar").then((module) => ({ default: module.ProgressBar })));

/**
 * Act on a list, before the job: the list (pasted or read from a file here), resolved in
 * chunks of `resolveChunk` entries with progress and Stop, its preview (the API's dryRun text),
 * then the action, the reason and the confirm. The created job runs on its own page (?job=).
 */
export function ListComposer({
  resolveChunk,
  header,
  help,
}: {
  resolveChunk: number;
  /** Step 1's card header and the list field's help, drawn by the server. */
  header: React.ReactNode;
  help: React.ReactNode;
}) {
  const [text, setText] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const parsed = useMemo(() => parseList(text), [text]);
  const listed = parsed.entries.length + parsed.invalid.length;
  const tooMany = listed > MAX_LIST_ENTRIES;

  const [resolved, setResolved] = useState<ResolvedEntry[] | null>(null);
  const [resolving, setResolving] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [resolveError, setResolveError] = useState<string | null>(null);
  const stop = useRef(false);

  const [choice, setChoice] = useState<ActionChoice>({ action: null, duration: "24h", reason: "" });
  // Set by step 3 while it creates the job: the list stays as it is meanwhile.
  const [submitting, setSubmitting] = useState(false);

  const complete = resolved !== null && resolved.length === parsed.entries.length;
  // What the job takes: the entries resolved so far (all of them unless Stop), then the lines that name no one.
  const jobEntries = useMemo(() => (resolved ? [...resolved.map((r) => r.entry), ...parsed.invalid] : []), [resolved, parsed.invalid]);

  useEffect(() => {
    const draft = takeDraft();
    if (!draft) return;
    setText(draft.text);
    setChoice(draft.choice);
    setNote("Your list is back from before you signed in again: resolve it again to confirm.");
  }, []);

  function edit(next: string, nextNote: string | null) {
    setText(next);
    setNote(nextNote);
    setResolved(null);
    setResolveError(null);
  }

  async function resolve(from: ResolvedEntry[]) {
    ResolvedSteps.preload();
    ProgressBar.preload();
    stop.current = false;
    setStopping(false);
    setResolving(true);
    setResolveError(null);
    const entries = parsed.entries;
    let done = from;
    setResolved(done);
    while (done.length < entries.length && !stop.current) {
      let result: Awaited<ReturnType<typeof resolveListEntriesAction>>;
      try {
        result = await resolveListEntriesAction({ entries: entries.slice(done.length, done.length + resolveChunk) });
      } catch (error) {
        console.warn("[act-on-list]", error);
        result = { ok: false, error: UNREACHABLE };
      }
      if (!result.ok) {
        setResolveError(result.error);
        break;
      }
      done = [...done, ...result.resolved];
      setResolved(done);
    }
    setResolving(false);
    setStopping(false);
  }

  const remaining = parsed.entries.length - (resolved?.length ?? 0);
  const scope =
    resolved && !complete
      ? `The job takes the ${formatCount(jobEntries.length)} ${jobEntries.length === 1 ? "entry" : "entries"} resolved so far, not the other ${formatCount(remaining)}: continue resolving to include them.`
      : null;

  return (
    <div className="space-y-6">
      <section aria-labelledby="list-title" className={cardClasses}>
        {header}
        <div className="space-y-4 px-5 py-4">
          <ListInput text={text} parsed={parsed} note={note} disabled={resolving || submitting} onChange={edit} help={help} />
          {resolving ? (
            <Suspense
              // The bar's code was fetched when Resolve was pressed: this holds its place for that moment.
              fallback={<div className="h-11" />}
            >
              <ProgressBar.Component
                label="Resolving the list"
                value={resolved?.length ?? 0}
                max={parsed.entries.length}
                text={`Resolving ${formatCount(resolved?.length ?? 0)} of ${formatCount(parsed.entries.length)}`}
                onStop={() => {
                  stop.current = true;
                  setStopping(true);
                }}
                stopping={stopping}
              />
            </Suspense>
          ) : complete ? null : (
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => void resolve(resolved ?? [])} disabled={listed === 0 || tooMany || submitting}>
                <span className="icon icon-search" aria-hidden />
                {resolved ? "Continue resolving" : "Resolve"}
              </Button>
              {resolved ? (
                <p className="text-sm text-fg-muted" role="status">
                  Resolved {formatCount(resolved.length)} of {formatCount(parsed.entries.length)}: the preview below covers these.
                </p>
              ) : null}
            </div>
          )}
          {resolveError ? (
            <div role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm">
              <p className="font-medium text-danger">Resolving stopped.</p>
              <p className="mt-0.5 break-words">{resolveError}</p>
              <p className="mt-0.5 text-fg-muted">What was resolved is kept: Continue resolving goes on from there.</p>
            </div>
          ) : null}
        </div>
      </section>

      {resolved && !resolving ? (
        <Suspense fallback={<div role="status" aria-busy="true" aria-label="Loading the preview" className="skeleton-block h-64" />}>
          <ResolvedSteps.Component
            resolved={resolved}
            parsed={parsed}
            jobEntries={jobEntries}
            complete={complete}
            scope={scope}
            choice={choice}
            onChoiceChange={setChoice}
            text={text}
            onSubmittingChange={setSubmitting}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
