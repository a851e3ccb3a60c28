"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { UNREACHABLE } from "@/lib/actions/unreachable";
import type { ParsedList } from "@/lib/features/list-jobs/entries";
import { listJobPreview, type ResolvedEntry } from "@/lib/features/list-jobs/preview";
import { formatCount } from "@/lib/format/format";
import { type ActionChoice, type ActionFailure, ActionForm } from "./action-form";
import { keepDraft } from "./draft";
import { browserListFingerprint } from "./list-fingerprint";
import { ListPreview } from "./list-preview";
import { runWhenShown } from "./start-on-arrival";
import type { uploadListJob } from "./upload-list";

/**
 * Steps 2 (the preview) and 3 (the action) of Act on a list, shown once the list is resolved;
 * the composer loads this code when resolving starts.
 */
export function ResolvedSteps({
  resolved,
  parsed,
  jobEntries,
  complete,
  scope,
  choice,
  onChoiceChange,
  text,
  onSubmittingChange,
}: {
  resolved: ResolvedEntry[];
  parsed: ParsedList;
  /** What the job takes: the entries resolved so far, then the lines that name no one. */
  jobEntries: string[];
  complete: boolean;
  scope: string | null;
  choice: ActionChoice;
  onChoiceChange: (choice: ActionChoice) => void;
  /** The list as typed, kept across Sign in again. */
  text: string;
  /** Told while the job is being created, so the list above stays as it is. */
  onSubmittingChange: (submitting: boolean) => void;
}) {
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const preview = useMemo(
    () =>
      listJobPreview({
        action: choice.action ?? "revoke-all",
        duration: choice.action === "block" ? choice.duration : undefined,
        resolved,
        invalid: parsed.invalid,
        ignored: parsed.ignored,
        listFingerprint: fingerprint ?? "",
      }),
    [resolved, choice.action, choice.duration, parsed, fingerprint],
  );

  useEffect(() => {
    let current = true;
    setFingerprint(null);
    void browserListFingerprint(jobEntries).then((value) => current && setFingerprint(value));
    return () => {
      current = false;
    };
  }, [jobEntries]);

  function submitted(busy: boolean) {
    setSubmitting(busy);
    onSubmittingChange(busy);
  }

  async function create() {
    if (!choice.action) return;
    submitted(true);
    setFailure(null);
    let result: Awaited<ReturnType<typeof uploadListJob>>;
    try {
      const { uploadListJob } = await import("./upload-list");
      result = await uploadListJob({
        action: choice.action,
        entries: jobEntries,
        reason: choice.reason.trim(),
        duration: choice.action === "block" ? choice.duration : undefined,
      });
    } catch (error) {
      console.warn("[act-on-list]", error);
      result = { ok: false, error: UNREACHABLE };
    }
    if (!result.ok) {
      submitted(false);
      setFailure({ message: result.error, refused: result.refused === true, stepUp: result.stepUp === true });
      return;
    }
    // Stays "Creating the job…" until the job's page replaces this one; that page starts it.
    runWhenShown(result.job.id);
    router.replace(`/users/act-on-list?job=${result.job.id}`);
  }

  const listed = parsed.entries.length + parsed.invalid.length;
  return (
    <>
      <Card aria-labelledby="preview-title">
        <CardHeader
          title={<span id="preview-title">2. Preview</span>}
          description={
            <>
              {complete ? "Every entry of the list" : `The first ${formatCount(resolved.length + parsed.invalid.length)} of ${formatCount(listed)} entries`}, as
              DynamoDB has them now
              {fingerprint ? (
                <>
                  {" "}
                  · list fingerprint <span className="font-mono">{fingerprint}</span>
                </>
              ) : null}
              .
            </>
          }
        />
        <div className="px-5 py-4">
          <ListPreview preview={preview} />
        </div>
      </Card>
      <Card aria-labelledby="action-title">
        <CardHeader
          title={<span id="action-title">3. Action</span>}
          description="One action for every found user, each with its own audit entry; the job runs in steps from this page, and you can stop and resume it."
        />
        <div className="px-5 py-4">
          <ActionForm
            preview={preview}
            choice={choice}
            onChoiceChange={onChoiceChange}
            scope={scope}
            submitting={submitting}
            failure={failure}
            onSubmit={() => void create()}
            onSignInAgain={() => keepDraft({ text, choice })}
          />
        </div>
      </Card>
    </>
  );
}
