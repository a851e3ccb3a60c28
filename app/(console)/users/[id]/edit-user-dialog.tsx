"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import ConfirmActionDialogBody from "@/components/actions/confirm-action-dialog-body";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import { Select } from "@/components/ui/select";
import { editUserAction } from "@/lib/features/edit-user/action";
import {
  changedFields,
  checkEmail,
  checkImageUrl,
  checkName,
  type EditableField,
  type EditableUser,
  type EditRequestFields,
  type FieldCheck,
  fieldLabels,
  type VerifiedChoice,
} from "@/lib/features/edit-user/preview";
import type { TokenRow } from "@/lib/features/tokens/schema";

const shown = (field: EditableField, value: string | null) => {
  if (value === null) return <span className="text-fg-muted">{field === "emailVerified" ? "not verified" : "empty"}</span>;
  if (field === "emailVerified") return <span>verified {value.slice(0, 16).replace("T", " ")} UTC</span>;
  return <span className="break-all">{value}</span>;
};

function parsed<T>(result: FieldCheck<T>): { value?: T; error?: string } {
  return result.ok ? { value: result.value } : { error: result.error };
}

function FieldError({ id, error, hint }: { id: string; error?: string; hint?: React.ReactNode }) {
  if (error)
    return (
      <p id={id} className="mt-1 text-xs text-danger">
        {error}
      </p>
    );
  return hint ? (
    <p id={id} className="mt-1 text-xs text-fg-muted">
      {hint}
    </p>
  ) : null;
}

export interface EditUserDialogProps {
  userId: string;
  seen: EditableUser;
  tokens: TokenRow[];
  now: number;
}

/** What the operator has typed: kept by EditUserButton, so it outlives a closed dialog as before. */
export interface EditUserDraft {
  name: string;
  image: string;
  email: string;
  verified: VerifiedChoice;
  deleteTokens: boolean;
  takenBy: { id: string; email: string } | null;
}

/**
 * The Edit user dialog behind EditUserButton, loaded on demand: the form and its checks
 * (lib/user-edit), around the confirm dialog's body.
 */
export default function EditUserDialog({
  userId,
  seen,
  tokens,
  now,
  draft,
  onDraftChange: setDraft,
  ...dialog
}: EditUserDialogProps & { draft: EditUserDraft; onDraftChange: React.Dispatch<React.SetStateAction<EditUserDraft>> } & DeferredDialogProps) {
  const router = useRouter();
  const ids = useId();
  const { name, image, email, verified, deleteTokens, takenBy } = draft;
  const set =
    <K extends keyof EditUserDraft>(key: K) =>
    (value: EditUserDraft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const setName = set("name");
  const setImage = set("image");
  const setEmail = set("email");
  const setVerified = set("verified");
  const setDeleteTokens = set("deleteTokens");
  const setTakenBy = set("takenBy");

  const nameResult = name.trim() === (seen.name ?? "") ? {} : parsed(checkName(name));
  const imageResult = image.trim() === (seen.image ?? "") ? {} : parsed(checkImageUrl(image));
  const emailResult = email.trim() === (seen.email ?? "") ? {} : parsed(checkEmail(email));
  const edits: EditRequestFields = {
    ...(nameResult.value !== undefined ? { name: nameResult.value } : {}),
    ...(imageResult.value !== undefined ? { image: imageResult.value } : {}),
    ...(emailResult.value !== undefined && emailResult.value !== seen.email ? { email: emailResult.value } : {}),
    ...(verified !== "keep" ? { emailVerified: verified } : {}),
  };
  const invalid = Boolean(nameResult.error || imageResult.error || emailResult.error);
  const { before, after } = changedFields(seen, edits, now);
  const fields = Object.keys(after) as EditableField[];
  const emailChange = edits.email !== undefined;
  const oldTokens = emailChange ? tokens : [];
  const normalizedNote = emailResult.value && emailResult.value !== email.trim() ? `Saved as ${emailResult.value}, as Auth.js would look it up.` : undefined;

  const fieldId = (name: string) => `${ids}-${name}`;

  return (
    <ConfirmActionDialogBody
      {...dialog}
      title={`Edit ${seen.email ?? userId}`}
      description="Changes the user item in one conditional write. If someone edits this user meanwhile, nothing is changed and you are told."
      preview={
        fields.length ? (
          <ul className="space-y-1" data-testid="edit-preview">
            {fields.map((field) => (
              <li key={field} className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2">
                <span className="text-fg-muted">{fieldLabels[field]}</span>
                <span>
                  {shown(field, before[field] ?? null)}{" "}
                  <span role="img" aria-label="becomes">
                    →
                  </span>{" "}
                  <span className="font-medium">{shown(field, after[field] ?? null)}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-fg-muted">Nothing yet: change a field below.</p>
        )
      }
      warning={
        takenBy ? (
          <p>
            <span className="font-medium">{takenBy.email}</span> belongs to another user.{" "}
            <Link href={`/users/${encodeURIComponent(takenBy.id)}`} className="font-medium text-accent underline underline-offset-2">
              Open the user who has it
            </Link>
          </p>
        ) : emailChange ? (
          <>
            <p className="font-medium">This moves their sign-in: magic links go to the new address from now on.</p>
            <p className="text-fg-muted">
              The product finds them by the new email only; accounts and sessions stay. It needs a recent sign-in, and can be undone from the audit log for 7
              days.
            </p>
          </>
        ) : undefined
      }
      fields={
        <div className="space-y-3">
          <div>
            <label htmlFor={fieldId("name")} className="mb-1 block text-sm font-medium">
              Name
            </label>
            <Input
              id={fieldId("name")}
              value={name}
              onChange={(event) => setName(event.target.value)}
              autoComplete="off"
              aria-invalid={Boolean(nameResult.error)}
              aria-describedby={fieldId("name-hint")}
            />
            <FieldError id={fieldId("name-hint")} error={nameResult.error} hint="Empty clears it." />
          </div>
          <div>
            <label htmlFor={fieldId("image")} className="mb-1 block text-sm font-medium">
              Image URL
            </label>
            <Input
              id={fieldId("image")}
              type="url"
              inputMode="url"
              value={image}
              onChange={(event) => setImage(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder="https://…"
              aria-invalid={Boolean(imageResult.error)}
              aria-describedby={fieldId("image-hint")}
              className="font-mono text-xs"
            />
            <FieldError
              id={fieldId("image-hint")}
              error={imageResult.error}
              hint="http or https only. Stored as a link; the console never loads it. Empty clears it."
            />
          </div>
          <div>
            <label htmlFor={fieldId("email")} className="mb-1 block text-sm font-medium">
              Email
            </label>
            <Input
              id={fieldId("email")}
              type="email"
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
                setTakenBy(null);
              }}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={Boolean(emailResult.error)}
              aria-describedby={fieldId("email-hint")}
            />
            <FieldError
              id={fieldId("email-hint")}
              error={emailResult.error}
              hint={normalizedNote ?? "Checked against every other user's email before it is saved."}
            />
          </div>
          <div>
            <label htmlFor={fieldId("verified")} className="mb-1 block text-sm font-medium">
              Email verified
            </label>
            <Select
              id={fieldId("verified")}
              value={verified}
              onChange={(event) => setVerified(event.target.value as VerifiedChoice)}
              aria-describedby={fieldId("verified-hint")}
            >
              <option value="keep">Keep ({seen.emailVerified ? `verified ${seen.emailVerified.slice(0, 10)}` : "not verified"})</option>
              <option value="now">Verified now</option>
              <option value="clear">Not verified</option>
            </Select>
            {emailChange && verified === "keep" && seen.emailVerified ? (
              <p id={fieldId("verified-hint")} className="mt-1 text-xs text-fg-muted">
                The new address has not been verified by a sign-in; choose Not verified unless you checked it.
              </p>
            ) : null}
          </div>
          {oldTokens.length ? (
            <fieldset className="rounded-md border border-border px-3 py-2.5">
              <legend className="px-1 text-sm font-medium">Pending sign-in tokens of the old address</legend>
              <ul className="mb-2 space-y-0.5 text-xs" aria-label={`Pending sign-in tokens of ${seen.email}`}>
                {oldTokens.map((token) => (
                  <li key={token.fingerprint} className="flex flex-wrap gap-x-3">
                    <span>{token.identifier}</span>
                    <span className="font-mono text-fg-muted">…{token.fingerprint}</span>
                    <span className="text-fg-muted">
                      {token.expires === null ? "no expiry" : token.live ? "expires " : "expired "}
                      {token.expires === null ? null : <RelativeTime epochMs={token.expires} serverNow={now} />}
                    </span>
                  </li>
                ))}
              </ul>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={deleteTokens}
                  onChange={(event) => setDeleteTokens(event.target.checked)}
                  className="mt-0.5 size-4 accent-accent"
                />
                <span>
                  Delete {oldTokens.length === 1 ? "this token" : `these ${oldTokens.length} tokens`}
                  <span className="block text-xs text-fg-muted">A link to the old address, once used, would sign in a new user with that address.</span>
                </span>
              </label>
            </fieldset>
          ) : null}
        </div>
      }
      offerReason
      stepUp={emailChange}
      confirmDisabled={invalid || fields.length === 0}
      confirmLabel="Save changes"
      onConfirm={async (reason) => {
        const result = await editUserAction({ userId, seen, ...edits, ...(emailChange && oldTokens.length ? { deleteOldTokens: deleteTokens } : {}), reason });
        if (!result.ok && "takenBy" in result) setTakenBy(result.takenBy);
        if (result.ok) router.refresh();
        return result;
      }}
    />
  );
}
