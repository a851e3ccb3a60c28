import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { Item } from "./scan-page";

export interface BatchDeleteOptions {
  /** Stop retrying after this long; whatever is left is reported, not lost. */
  budgetMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  onProgress?: (deleted: number) => void;
}

export interface BatchDeleteResult {
  deleted: number;
  /** Keys not deleted when the budget ran out. */
  remaining: Item[];
  requests: number;
}

const THROTTLING = new Set(["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable"]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Deletes keys with BatchWriteItem in groups of 25, retrying UnprocessedItems and throttling
 * with exponential backoff and full jitter until done or the time budget is spent.
 */
export async function batchDelete(
  doc: Pick<DynamoDBDocument, "batchWrite">,
  tableName: string,
  keys: Item[],
  options: BatchDeleteOptions = {},
): Promise<BatchDeleteResult> {
  const { budgetMs = 20_000, baseDelayMs = 25, maxDelayMs = 1_000 } = options;
  const deadline = Date.now() + budgetMs;
  let pending = [...keys];
  let deleted = 0;
  let requests = 0;
  let attempt = 0;
  while (pending.length > 0) {
    if (attempt > 0) {
      if (Date.now() >= deadline) break;
      await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
    }
    const group = pending.slice(0, 25);
    let unprocessed: Item[] = [];
    try {
      requests++;
      const result = await doc.batchWrite({ RequestItems: { [tableName]: group.map((Key) => ({ DeleteRequest: { Key } })) } });
      unprocessed = (result.UnprocessedItems?.[tableName] ?? []).flatMap((r) => (r.DeleteRequest?.Key ? [r.DeleteRequest.Key as Item] : []));
    } catch (error) {
      if (!(error instanceof Error) || !THROTTLING.has(error.name)) throw error;
      unprocessed = group;
    }
    deleted += group.length - unprocessed.length;
    options.onProgress?.(deleted);
    pending = [...unprocessed, ...pending.slice(group.length)];
    attempt = unprocessed.length > 0 ? attempt + 1 : 0;
  }
  return { deleted, remaining: pending, requests };
}
