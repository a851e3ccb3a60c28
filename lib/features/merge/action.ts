"use server";

import { failure } from "@/lib/actions/action-result";
import type { ActionResult } from "@/lib/actions/result";
import { run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { type MergePreview, type MergeSide, mergeCandidates, previewMerge, resolveMergeUser } from "@/lib/features/merge/dry-run";
import { mergeUsers } from "@/lib/features/merge/server";
import { mergeCandidatesSchema, mergeUsersSchema, previewMergeSchema, resolveMergeUserSchema } from "./schema";

type ReadResult<T> = ({ ok: true } & T) | { ok: false; error: string; refused?: boolean; stepUp?: boolean };

function invalid(issues: { message: string }[]) {
  return { ok: false as const, error: issues[0]?.message ?? "Invalid input." };
}

async function read<T>(work: () => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : result;
  }
}

/** The users of a doctor finding, with their accounts and sessions, to pick the one to keep. */
export async function mergeCandidatesAction(input: unknown): Promise<ReadResult<{ users: MergeSide[] }>> {
  const parsed = mergeCandidatesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return read(async () => ({ users: await mergeCandidates(await currentOperator(), parsed.data.userIds) }));
}

/** The other user named by id or email on a user page. */
export async function resolveMergeUserAction(input: unknown): Promise<ReadResult<{ user: MergeSide }>> {
  const parsed = resolveMergeUserSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return read(async () => ({ user: await resolveMergeUser(await currentOperator(), parsed.data) }));
}

export async function previewMergeAction(input: unknown): Promise<ReadResult<{ preview: MergePreview }>> {
  const parsed = previewMergeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  return read(async () => ({ preview: await previewMerge(await currentOperator(), parsed.data) }));
}

export async function mergeUsersAction(input: unknown): Promise<ActionResult> {
  return run(
    mergeUsersSchema,
    input,
    async (data) => mergeUsers(await currentOperator(), data),
    // Not the merged user's page: it is gone, and revalidating the page the dialog is on would render its 404 into this response.
    (data) => ["/doctor", "/audit", "/sessions", "/accounts", "/users", "/", `/users/${data.keepUserId}`],
  );
}
