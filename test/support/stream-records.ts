import type { DynamoDB } from "@aws-sdk/client-dynamodb";
import { type _Record, DynamoDBStreams } from "@aws-sdk/client-dynamodb-streams";
import type { TableSchema } from "@/lib/config";
import { createTableInput } from "@/lib/dynamo/table-health";
import type { StreamRecordInput } from "@/lib/features/activity/from-record";
import type { StreamBatchEvent } from "@/lib/features/activity/stream-batch";

/**
 * A product table with its stream on (new and old images), as `npm run setup` makes it, on the
 * test engine, and a reader of every record the stream holds so far. Streams are read the
 * consumers' way: DescribeStream, an iterator from the oldest record, GetRecords.
 */
export async function streamedTable(raw: DynamoDB, endpoint: string, schema: TableSchema) {
  const { TableDescription } = await raw.createTable(createTableInput(schema, { stream: true }));
  const streamArn = TableDescription?.LatestStreamArn;
  if (!streamArn) throw new Error("the table was made without a stream");
  const streams = new DynamoDBStreams({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });

  /** Every record in the stream, oldest first. */
  async function records(): Promise<_Record[]> {
    const { StreamDescription } = await streams.describeStream({ StreamArn: streamArn });
    const all: _Record[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator: iterator } = await streams.getShardIterator({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" });
      // An open shard always hands back a next iterator: stop at the first empty page.
      while (iterator) {
        const page = await streams.getRecords({ ShardIterator: iterator });
        all.push(...(page.Records ?? []));
        if (!page.Records?.length) break;
        iterator = page.NextShardIterator;
      }
    }
    return all;
  }
  return { records, stop: () => streams.destroy() };
}

/** Records as Lambda hands them to the function: JSON, with ApproximateCreationDateTime in epoch seconds. */
export function lambdaEvent(from: _Record[]): StreamBatchEvent {
  return {
    Records: from.map((record) => {
      const json = JSON.parse(JSON.stringify(record)) as StreamRecordInput;
      const at = record.dynamodb?.ApproximateCreationDateTime;
      return { ...json, dynamodb: { ...json.dynamodb, ApproximateCreationDateTime: at ? at.getTime() / 1000 : undefined } };
    }),
  };
}
