import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { Item } from "./scan-page";

/** One item of a BatchWriteItem: a put or a delete. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

export interface BatchWriteOptions {
  /** Stop retrying after this long; whatever is left is reported, not lost. */
  budgetMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Groups of 25 in flight at once. */
  concurrency?: number;
  onProgress?: (written: number) => void;
}

export interface BatchWriteResult {
  written: number;
  /** Requests not carried out when the budget ran out. */
  remaining: WriteRequest[];
  requests: number;
}

const THROTTLING = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
]);
const GROUP = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts and deletes with BatchWriteItem in groups of 25, up to `concurrency` groups at once. Each
 * group retries its UnprocessedItems and throttling with exponential backoff and full jitter;
 * once one group runs out of time budget, no new group starts and everything unsent is reported.
 */
export async function batchWrite(
  doc: Pick<DynamoDBDocument, "batchWrite">,
  tableName: string,
  writes: WriteRequest[],
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  const { budgetMs = 20_000, baseDelayMs = 25, maxDelayMs = 1_000, concurrency = 8 } = options;
  const deadline = Date.now() + budgetMs;
  const groups = Array.from({ length: Math.ceil(writes.length / GROUP) }, (_, i) => writes.slice(i * GROUP, (i + 1) * GROUP));
  const remaining: WriteRequest[] = [];
  let next = 0;
  let stopped = false;
  let written = 0;
  let requests = 0;

  /** Sends one request; returns the writes DynamoDB did not process (all of them when throttled). */
  async function send(group: WriteRequest[]): Promise<WriteRequest[]> {
    requests++;
    try {
      const result = await doc.batchWrite({ RequestItems: { [tableName]: group } });
      return (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    } catch (error) {
      if (!(error instanceof Error) || !THROTTLING.has(error.name)) throw error;
      return group;
    }
  }

  async function worker() {
    while (!stopped && next < groups.length) {
      let pending = groups[next++] ?? [];
      for (let attempt = 1; pending.length > 0; attempt++) {
        const unprocessed = await send(pending);
        written += pending.length - unprocessed.length;
        options.onProgress?.(written);
        pending = unprocessed;
        if (pending.length === 0) break;
        if (stopped || Date.now() >= deadline) {
          stopped = true;
          remaining.push(...pending);
          break;
        }
        await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
      }
    }
  }

  // A failure stops the other workers; their requests in flight still finish and are counted
  // (onProgress), so a caller that resumes later knows exactly what was written.
  const outcomes = await Promise.allSettled(
    Array.from({ length: Math.min(Math.max(1, concurrency), groups.length) }, () =>
      worker().catch((error: unknown) => {
        stopped = true;
        throw error;
      }),
    ),
  );
  stopped = true;
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  remaining.push(...groups.slice(next).flat());
  return { written, remaining, requests };
}
