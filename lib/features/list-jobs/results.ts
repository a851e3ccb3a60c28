import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/principal";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";
import { productTable } from "@/lib/dynamo/product-table";
import { openCursor, sealCursor } from "@/lib/http/cursor";
import { readJob, view } from "./job";
import type { EntryResult } from "./outcomes";

export interface ResultsPage {
  results: EntryResult[];
  nextCursor: string | null;
}

/**
 * A job's results in list order, whole steps at a time (at most `limit` rows unless one step
 * holds more): a Query on the job's partition from a sealed cursor.
 */
export async function listJobResults(operator: Operator | null, request: { jobId: string; cursor?: string; limit?: number }): Promise<ResultsPage | null> {
  authorize(operator, "read");
  const job = await readJob(request.jobId);
  if (!job) return null;
  const table = gatehouseTable();
  const limit = request.limit ?? 500;
  const secret = productTable().secret;
  const resultsView = `${view(job.jobId)}:results`;
  const from = request.cursor ? Number(openCursor(secret, resultsView, request.cursor).start.position) : 0;
  const results: EntryResult[] = [];
  let next: number | null = null;
  let startKey: Record<string, unknown> | undefined;
  outer: do {
    const page = await table.doc.query({
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#pk": table.names.pk, "#sk": table.names.sk },
      ExpressionAttributeValues: { ":pk": table.jobPartition(job.jobId), ":from": table.jobResultsKey(job.jobId, from)[table.names.sk], ":to": "RESULT#~" },
      ConsistentRead: true,
      Limit: 10,
      ExclusiveStartKey: startKey,
    });
    for (const item of page.Items ?? []) {
      const rows = (item.results ?? []) as EntryResult[];
      const at = Number(String(item[table.names.sk]).slice("RESULT#".length));
      if (results.length && results.length + rows.length > limit) {
        next = at;
        break outer;
      }
      results.push(...rows);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { results, nextCursor: next === null ? null : sealCursor(secret, resultsView, { start: { position: next }, trail: [] }) };
}

/** Every result, for the CSV download: pages until the end. */
export async function* allJobResults(operator: Operator | null, jobId: string): AsyncGenerator<EntryResult[]> {
  let cursor: string | undefined;
  do {
    const page = await listJobResults(operator, { jobId, cursor, limit: 1000 });
    if (!page) return;
    yield page.results;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
