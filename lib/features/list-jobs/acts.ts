import "server-only";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import type { WriteTally } from "@/lib/dynamo/write-tally";
import type { EntryResult } from "@/lib/features/list-jobs/outcomes";
import { LeaseLostError } from "./lease";

/**
 * Each listed user's act within a job, one item per user: the step that acts claims it first and
 * records the outcome right after. A step (or a retry of one whose results write failed) reuses
 * the outcomes it finds instead of acting again, so each user is acted on once.
 */
export interface ActRecord {
  /** The step that claimed the user. */
  step: string;
  /** Absent while that step acts, or when it was cut short mid-action. */
  result?: EntryResult;
  writes?: WriteTally;
}

/** The acts recorded for the listed users [start, end): one strongly consistent Query on the job's partition. */
export async function actsBetween(jobId: string, start: number, end: number): Promise<Map<number, ActRecord>> {
  const table = gatehouseTable();
  const sortKey = (index: number) => table.jobActKey(jobId, index)[table.names.sk];
  const acts = new Map<number, ActRecord>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.query({
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ProjectionExpression: "#sk, #step, #result, #writes",
      ExpressionAttributeNames: { "#pk": table.names.pk, "#sk": table.names.sk, "#step": "step", "#result": "result", "#writes": "writes" },
      ExpressionAttributeValues: { ":pk": table.jobPartition(jobId), ":from": sortKey(start), ":to": sortKey(end - 1) },
      ConsistentRead: true,
      ExclusiveStartKey: startKey,
    });
    for (const item of page.Items ?? []) {
      const index = Number(String(item[table.names.sk]).slice("ACT#".length));
      acts.set(index, {
        step: String(item.step),
        ...(item.result ? { result: item.result as EntryResult, writes: (item.writes ?? { requests: 0, units: 0 }) as WriteTally } : {}),
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return acts;
}

/**
 * Claims a user for this step, before it acts: only if no step has, or (`prior`) the claim this
 * step read is still the one stored, i.e. a step cut short mid-action whose lease has passed.
 * Someone else's claim since means another step holds the job: LeaseLostError.
 */
export async function claimAct(jobId: string, index: number, stepId: string, prior: ActRecord | undefined, expires: number): Promise<void> {
  const table = gatehouseTable();
  try {
    await table.doc.put({
      TableName: table.schema.tableName,
      Item: { ...table.jobActKey(jobId, index), type: "JOB-ACT", step: stepId, expires },
      ConditionExpression: prior ? "#step = :prior AND attribute_not_exists(#result)" : "attribute_not_exists(#pk)",
      ExpressionAttributeNames: prior ? { "#step": "step", "#result": "result" } : { "#pk": table.names.pk },
      ...(prior ? { ExpressionAttributeValues: { ":prior": prior.step } } : {}),
    });
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError();
    throw error;
  }
}

/** Records the outcome of this step's act on a user (only while its claim is this step's). */
export async function recordAct(jobId: string, index: number, stepId: string, result: EntryResult, writes: WriteTally): Promise<void> {
  const table = gatehouseTable();
  try {
    await table.doc.update({
      TableName: table.schema.tableName,
      Key: table.jobActKey(jobId, index),
      UpdateExpression: "SET #result = :result, #writes = :writes",
      ConditionExpression: "#step = :step",
      ExpressionAttributeNames: { "#step": "step", "#result": "result", "#writes": "writes" },
      ExpressionAttributeValues: { ":step": stepId, ":result": result, ":writes": writes },
    });
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError();
    throw error;
  }
}
