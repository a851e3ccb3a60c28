"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { UNREACHABLE } from "@/lib/actions/unreachable";
import { type CreateUserResult, createUserAction } from "@/lib/features/create-user/action";
import { normalizeEmail } from "@/lib/features/users/email-address";

type Failure = Extract<CreateUserResult, { ok: false }>;

/**
 * The New user dialog: an email (stored as Auth.js normalizes it, shown as it will be stored)
 * and an optional name. On success the operator lands on the new user's page.
 */
export default function NewUserDialog({ open, onOpenChange: setOpen, returnFocusTo }: DeferredDialogProps) {
  const ids = useId();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const normalized = email.trim() ? normalizeEmail(email) : null;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (running) return;
    if (!normalized?.ok) {
      setError({ ok: false, error: normalized?.error ?? "Enter an email address.", field: "email" });
      return;
    }
    setRunning(true);
    setError(null);
    let result: CreateUserResult;
    try {
      result = await createUserAction({ email, name: name.trim() || undefined });
    } catch (thrown) {
      console.warn("[new-user]", thrown);
      result = { ok: false, error: UNREACHABLE };
    }
    setRunning(false);
    if (!result.ok) return setError(result);
    if (result.auditIncomplete) toast.warning(result.message, { duration: Infinity });
    else toast.success(result.message);
    setOpen(false);
    router.push(`/users/${encodeURIComponent(result.userId)}`);
  }

  const emailId = `${ids}-email`;
  const nameId = `${ids}-name`;
  const errorId = `${ids}-error`;
  const emailInvalid = error?.field === "email";

  return (
    <Dialog open={open} onOpenChange={(next) => !running && setOpen(next)}>
      <DialogContent
        title="New user"
        description="Creates the user item exactly as Auth.js's DynamoDB adapter does on a first email sign-in. Their email is verified by their first magic link."
        aria-busy={running}
        returnFocusTo={returnFocusTo}
        onEscapeKeyDown={(event) => running && event.preventDefault()}
        onInteractOutside={(event) => running && event.preventDefault()}
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <div>
            <label htmlFor={emailId} className="mb-1 block text-sm font-medium">
              Email
            </label>
            <Input
              id={emailId}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              required
              autoFocus
              autoComplete="off"
              spellCheck={false}
              maxLength={254}
              disabled={running}
              placeholder="ana@example.com"
              aria-invalid={emailInvalid}
              aria-describedby={`${emailId}-hint${emailInvalid ? ` ${errorId}` : ""}`}
            />
            <p id={`${emailId}-hint`} className="mt-1 text-xs text-fg-muted" aria-live="polite">
              {normalized?.ok && normalized.email !== email.trim() ? (
                <>
                  Stored as <span className="font-mono text-fg">{normalized.email}</span>, the form Auth.js looks up.
                </>
              ) : (
                "Required. Stored lower-cased, as Auth.js looks it up; it must not belong to another user."
              )}
            </p>
          </div>
          <div>
            <label htmlFor={nameId} className="mb-1 block text-sm font-medium">
              Name <span className="font-normal text-fg-muted">(optional)</span>
            </label>
            <Input
              id={nameId}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={200}
              disabled={running}
              autoComplete="off"
              placeholder="Ana Lima"
            />
          </div>

          {error ? (
            <div id={errorId} role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3.5 py-3 text-sm">
              <p className="font-medium text-danger">{error.refused ? "Refused: nothing was created." : "It did not go through."}</p>
              <p className="mt-0.5 break-words">{error.error}</p>
              {error.existingUserId ? (
                <Link
                  href={`/users/${encodeURIComponent(error.existingUserId)}`}
                  onClick={() => setOpen(false)}
                  className="mt-1 inline-block font-medium text-accent hover:underline"
                >
                  Open the user who has this email
                </Link>
              ) : null}
            </div>
          ) : null}

          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary" disabled={running}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={running} aria-busy={running}>
              {running ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
              Create user
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
