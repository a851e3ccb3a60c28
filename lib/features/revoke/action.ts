"use server";

import type { ActionResult } from "@/lib/actions/result";
import { affected, run } from "@/lib/actions/run";
import { currentOperator } from "@/lib/auth/operator";
import { revokeAllSchema, revokeSelectedSchema, revokeSessionSchema } from "./schema";
import { revokeSelectedSessions, revokeSession, revokeUserSessions } from "./server";

export async function revokeSessionAction(input: unknown): Promise<ActionResult> {
  return run(revokeSessionSchema, input, async (data) => revokeSession(await currentOperator(), data), affected((input as { userId?: string })?.userId));
}

export async function revokeAllSessionsAction(input: unknown): Promise<ActionResult> {
  return run(revokeAllSchema, input, async (data) => revokeUserSessions(await currentOperator(), data), affected((input as { userId?: string })?.userId));
}

export async function revokeSelectedAction(input: unknown): Promise<ActionResult> {
  return run(revokeSelectedSchema, input, async (data) => revokeSelectedSessions(await currentOperator(), data), affected());
}
