import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import type { Operator } from "@/lib/auth/principal";
import type { RequestContext } from "@/lib/auth/request-context";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { sha256Hex } from "@/lib/secrets";
import {
  type Actor,
  type AuditAction,
  type AuditChanges,
  AuditError,
  type AuditHandle,
  type AuditResult,
  type AuditTarget,
  actorOf,
  type CollapsedActor,
  type PrincipalKind,
} from "./entry";
import { auditIndexMarkerItem } from "./user-index";

/**
 * The audit log's writer: it records what happened and decides nothing (authorization is the
 * caller's: lib/audit/act.ts for mutations, lib/auth for sign-in events). Reads are in lib/features/audit/server.ts.
 */

function searchText(actor: Actor, target: AuditTarget) {
  return [
    actor.email,
    actor.apiKey?.id,
    actor.apiKey?.name,
    target.apiKeyId,
    target.apiKeyName,
    target.userId,
    target.email,
    target.previousEmail,
    target.provider,
    target.providerAccountId,
    target.mergedUserId,
    target.mergedEmail,
    target.jobId,
    target.listFingerprint,
    ...(target.fingerprints ?? []),
  ]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
}

const markedTables = new Set<string>();

/**
 * Before the first indexed entry this process writes: the marker saying when indexing by user
 * began, created once (a conditional put) and marked "may have earlier entries", since this
 * table was not created with it (`npm run setup` marks a table it creates as complete). One
 * write per process at most; a failure is logged and tried again with the next entry.
 */
async function markIndexing(table: ReturnType<typeof gatehouseTable>, now: string): Promise<void> {
  if (markedTables.has(table.schema.tableName)) return;
  try {
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: auditIndexMarkerItem(table.schema, { since: now, earlierEntries: true }),
      ConditionExpression: "attribute_not_exists(#pk)",
      ExpressionAttributeNames: { "#pk": table.names.pk },
    });
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) {
      console.error("[audit] could not write the user-index marker:", error instanceof Error ? error.message : error);
      return;
    }
  }
  markedTables.add(table.schema.tableName);
}

/**
 * Writes the entry before the action runs (result "started"), so no mutation can happen
 * without a record. Throws AuditError when it can't be written: the caller must not go on.
 */
export async function startAudit(
  who: Actor | Operator,
  context: RequestContext,
  action: AuditAction,
  target: AuditTarget,
  reason: string | null,
): Promise<AuditHandle> {
  const actor = actorOf(who);
  const table = gatehouseTable();
  const at = new Date().toISOString();
  const id = `${at}~${context.requestId}`;
  const day = at.slice(0, 10);
  if (target.userId) await markIndexing(table, at);
  try {
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: {
        ...table.auditKey(day, id),
        ...table.auditUserIndexKeys(target, id),
        type: "AUDIT",
        at,
        operatorEmail: actor.email,
        operatorRole: actor.role,
        ...(actor.apiKey ? { apiKey: actor.apiKey } : {}),
        action,
        target,
        reason,
        result: "started",
        counts: {},
        requestId: context.requestId,
        ip: context.ip,
        userAgent: context.userAgent,
        search: searchText(actor, target),
      },
      ConditionExpression: `attribute_not_exists(#pk)`,
      ExpressionAttributeNames: { "#pk": table.names.pk },
    });
  } catch (error) {
    console.error(`[audit] could not record ${action} by ${actor.email}:`, error instanceof Error ? error.message : error);
    throw new AuditError();
  }
  return { id, day, actor };
}

/** Records how the action ended. A failure here is logged to stderr and reported as a failed action. */
export async function finishAudit(
  handle: AuditHandle,
  outcome: { result: AuditResult; counts?: Record<string, number>; message?: string; undoUntil?: string; target?: AuditTarget; changes?: AuditChanges },
): Promise<void> {
  const table = gatehouseTable();
  // An action that only learns its user while running (from an email, say) is indexed by them now.
  const indexed = outcome.target?.userId ? { gpk: table.auditUserPartition(outcome.target.userId), gsk: handle.id } : null;
  if (indexed) await markIndexing(table, new Date().toISOString());
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.auditKey(handle.day, handle.id),
      UpdateExpression:
        "SET #result = :result, #counts = :counts, #message = :message, #undo = :undo" +
        (outcome.target ? ", #target = :target, #search = :search" : "") +
        (indexed ? ", #gpk = :gpk, #gsk = :gsk" : "") +
        (outcome.changes ? ", #changes = :changes" : ""),
      ConditionExpression: "#result = :started",
      ExpressionAttributeNames: {
        "#result": "result",
        "#counts": "counts",
        "#message": "message",
        "#undo": "undoUntil",
        ...(outcome.target ? { "#target": "target", "#search": "search" } : {}),
        ...(indexed ? { "#gpk": table.names.gpk, "#gsk": table.names.gsk } : {}),
        ...(outcome.changes ? { "#changes": "changes" } : {}),
      },
      ExpressionAttributeValues: {
        ":result": outcome.result,
        ":counts": outcome.counts ?? {},
        ":message": outcome.message ?? null,
        ":undo": outcome.undoUntil ?? null,
        ":started": "started",
        ...(outcome.target ? { ":target": outcome.target, ":search": searchText(handle.actor, outcome.target) } : {}),
        ...(indexed ? { ":gpk": indexed.gpk, ":gsk": indexed.gsk } : {}),
        ...(outcome.changes ? { ":changes": outcome.changes } : {}),
      },
    });
  } catch (error) {
    console.error(`[audit] could not record the outcome of ${handle.id} (${JSON.stringify(outcome)}):`, error instanceof Error ? error.message : error);
    throw new AuditError({ cause: error });
  }
}

/** Updates the counts of a long action (a purge run) while it is still going. */
export async function progressAudit(handle: AuditHandle, counts: Record<string, number>): Promise<void> {
  const table = gatehouseTable();
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.auditKey(handle.day, handle.id),
      UpdateExpression: "SET #counts = :counts",
      ConditionExpression: "#result = :started",
      ExpressionAttributeNames: { "#counts": "counts", "#result": "result" },
      ExpressionAttributeValues: { ":counts": counts, ":started": "started" },
    });
  } catch (error) {
    console.error(`[audit] could not record progress of ${handle.id}:`, error instanceof Error ? error.message : error);
    throw new AuditError({ cause: error });
  }
}

/** One-shot entries for sign-in events; a failure is logged to stderr. */
export async function recordAuditEvent(actor: Actor, context: RequestContext, action: AuditAction, result: AuditResult, target: AuditTarget = {}) {
  try {
    const handle = await startAudit(actor, context, action, target, null);
    await finishAudit(handle, { result });
  } catch {
    // already logged to stderr by startAudit/finishAudit
  }
}

/**
 * The sort key of the collapsed entry for one action, principal kind and subject in one hour.
 * The action and the kind are in clear and the subject is named by its full SHA-256: the first
 * writer of an entry keeps its action and actor, so a key that two subjects could share (a
 * 40-bit fingerprint, as before) would let a visitor choose an address whose repeats swallow an
 * operator's refusals. Entries written before this keep their `<hour>~collapsed-<fingerprint>`
 * keys and still list.
 */
export function collapsedEntryId(hour: string, action: AuditAction, kind: PrincipalKind, subject: string): string {
  return `${hour}~collapsed~${action}~${kind}~${sha256Hex(subject.toLowerCase())}`;
}

/**
 * Repeats of one event (sign-ins refused for one address, one operator's forbidden calls, one
 * key's reads of one API route) share one entry per action, principal kind, subject and hour,
 * whose `repeats` counts them and `lastAt` says when the latest was, so a flood cannot grow the
 * log. A failure is logged to stderr.
 */
export async function recordCollapsedAuditEvent(
  actor: CollapsedActor,
  context: RequestContext,
  action: AuditAction,
  target: AuditTarget,
  subject: string,
  now = new Date(),
  message: string | null = null,
  result: "refused" | "ok" = "refused",
) {
  const table = gatehouseTable();
  const at = now.toISOString();
  const hour = `${at.slice(0, 13)}:00:00.000Z`;
  const id = collapsedEntryId(hour, action, actor.kind, subject);
  const keep = (name: string) => `#${name} = if_not_exists(#${name}, :${name})`;
  if (target.userId) await markIndexing(table, at);
  const fields = {
    type: "AUDIT",
    at,
    operatorEmail: actor.email,
    operatorRole: actor.role,
    ...(actor.apiKey ? { apiKey: actor.apiKey } : {}),
    action,
    target,
    reason: null,
    result,
    counts: {},
    message,
    requestId: context.requestId,
    ip: context.ip,
    userAgent: context.userAgent,
    search: searchText(actor, target),
  };
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.auditKey(hour.slice(0, 10), id),
      // Index keys are kept like the target: the entry is indexed by the user its first refusal named.
      UpdateExpression: `SET ${Object.keys(fields).map(keep).join(", ")}${target.userId ? `, ${keep("gpk")}, ${keep("gsk")}` : ""}, #lastAt = :lastAt, #lastIp = :lastIp ADD #repeats :one`,
      ExpressionAttributeNames: {
        ...Object.fromEntries([...Object.keys(fields), "lastAt", "lastIp", "repeats"].map((name) => [`#${name}`, name])),
        ...(target.userId ? { "#gpk": table.names.gpk, "#gsk": table.names.gsk } : {}),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:${name}`, value])),
        ...(target.userId ? { ":gpk": table.auditUserPartition(target.userId), ":gsk": id } : {}),
        ":lastAt": at,
        ":lastIp": context.ip,
        ":one": 1,
      },
    });
  } catch (error) {
    console.error(`[audit] could not record ${action} by ${actor.email}:`, error instanceof Error ? error.message : error);
  }
}
