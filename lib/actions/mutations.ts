"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { currentOperator } from "@/lib/auth/operator";
import { blockUser, unblockUser } from "@/lib/features/block/server";
import { deleteUser } from "@/lib/features/delete-user/server";
import { type PurgeProgress, purgeExpiredStep } from "@/lib/features/purge/server";
import { revokeSelectedSessions, revokeSession, revokeUserSessions } from "@/lib/features/revoke/server";
import { undoAction } from "@/lib/features/undo/server";
import { unlinkAccount } from "@/lib/features/unlink/server";
import { type ActionResult, failure } from "./action-result";
import {
  blockUserSchema,
  deleteUserSchema,
  purgeSchema,
  revokeAllSchema,
  revokeSelectedSchema,
  revokeSessionSchema,
  unblockUserSchema,
  undoSchema,
  unlinkSchema,
} from "./schemas";

async function run<S extends z.ZodType>(
  schema: S,
  input: unknown,
  work: (data: z.output<S>) => Promise<{ message: string; result: string; auditId: string; undoUntil?: string; auditIncomplete?: true }>,
  paths: string[],
): Promise<ActionResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const outcome = await work(parsed.data);
    for (const path of paths) revalidatePath(path);
    return {
      ok: true,
      message: outcome.message,
      partial: outcome.result === "partial",
      auditId: outcome.auditId,
      undoUntil: outcome.undoUntil,
      auditIncomplete: outcome.auditIncomplete,
    };
  } catch (error) {
    return failure(error);
  }
}

const affected = (userId?: string) => ["/sessions", "/users", "/audit", "/", ...(userId ? [`/users/${userId}`] : [])];

export async function revokeSessionAction(input: unknown): Promise<ActionResult> {
  return run(revokeSessionSchema, input, async (data) => revokeSession(await currentOperator(), data), affected((input as { userId?: string })?.userId));
}

export async function revokeAllSessionsAction(input: unknown): Promise<ActionResult> {
  return run(revokeAllSchema, input, async (data) => revokeUserSessions(await currentOperator(), data), affected((input as { userId?: string })?.userId));
}

export async function revokeSelectedAction(input: unknown): Promise<ActionResult> {
  return run(revokeSelectedSchema, input, async (data) => revokeSelectedSessions(await currentOperator(), data), affected());
}

export async function blockUserAction(input: unknown): Promise<ActionResult> {
  return run(blockUserSchema, input, async (data) => blockUser(await currentOperator(), data), [
    ...affected((input as { userId?: string })?.userId),
    "/accounts",
  ]);
}

export async function unblockUserAction(input: unknown): Promise<ActionResult> {
  return run(unblockUserSchema, input, async (data) => unblockUser(await currentOperator(), data), [
    ...affected((input as { userId?: string })?.userId),
    "/accounts",
  ]);
}

export async function unlinkAccountAction(input: unknown): Promise<ActionResult> {
  return run(unlinkSchema, input, async (data) => unlinkAccount(await currentOperator(), data), [
    ...affected((input as { userId?: string })?.userId),
    "/accounts",
  ]);
}

export async function deleteUserAction(input: unknown): Promise<ActionResult> {
  return run(deleteUserSchema, input, async (data) => deleteUser(await currentOperator(), data), [...affected(), "/accounts", "/verification-tokens"]);
}

export async function undoEntryAction(input: unknown): Promise<ActionResult> {
  return run(undoSchema, input, async (data) => undoAction(await currentOperator(), data.entryId), [...affected(), "/accounts"]);
}

export type PurgeStepResult = ({ ok: true } & PurgeProgress) | { ok: false; error: string; stepUp?: boolean };

export async function purgeExpiredStepAction(input: unknown): Promise<PurgeStepResult> {
  const parsed = purgeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid input." };
  try {
    const progress = await purgeExpiredStep(await currentOperator(), parsed.data);
    if (progress.done) for (const path of [...affected(), "/verification-tokens"]) revalidatePath(path);
    return { ok: true, ...progress };
  } catch (error) {
    const result = failure(error);
    return result.ok ? { ok: false, error: "" } : { ok: false, error: result.error, stepUp: result.stepUp };
  }
}
