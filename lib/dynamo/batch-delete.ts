import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { type BatchWriteOptions, batchWrite } from "./batch-write";
import type { Item } from "./scan-page";

export type BatchDeleteOptions = BatchWriteOptions;

export interface BatchDeleteResult {
  deleted: number;
  /** Keys not deleted when the budget ran out. */
  remaining: Item[];
  requests: number;
}

/** Deletes keys with BatchWriteItem: batchWrite's groups of 25, retries and time budget. */
export async function batchDelete(
  doc: Pick<DynamoDBDocument, "batchWrite">,
  tableName: string,
  keys: Item[],
  options: BatchDeleteOptions = {},
): Promise<BatchDeleteResult> {
  const result = await batchWrite(
    doc,
    tableName,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
    options,
  );
  return {
    deleted: result.written,
    remaining: result.remaining.flatMap((write) => ("DeleteRequest" in write ? [write.DeleteRequest.Key] : [])),
    requests: result.requests,
  };
}
