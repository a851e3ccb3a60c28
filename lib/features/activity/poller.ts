import type { DynamoDB } from "@aws-sdk/client-dynamodb";
import type { _Record, DynamoDBStreams, GetRecordsCommandOutput, Shard } from "@aws-sdk/client-dynamodb-streams";
import type { TableSchema } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { releaseLease, takeLease } from "@/lib/dynamo/lease";
import { type Checkpoint, closeCheckpoint, consumerKeys, saveCheckpoint } from "./checkpoints";
import { readConsumerItems, recordGap } from "./consumer-items";
import type { ConsumerStatus } from "./consumer-status";
import type { StreamRecordInput } from "./from-record";
import type { ActivityStore } from "./store";
import { storeRecords } from "./stream-batch";

export interface PollerOptions {
  /** The product table, whose stream is read, and its key names. */
  product: TableSchema;
  /** Where events, checkpoints, leases and gaps go. */
  store: ActivityStore;
  /** A client for the product table (DescribeTable: its stream's ARN). */
  tables: DynamoDB;
  streams: DynamoDBStreams;
  /** Who this reader is, in its leases: unique per process. */
  holder: string;
  /** The wait between reads of a shard with nothing new. */
  pollMs?: number;
  /** How often the stream's shards and the other readers' leases and checkpoints are looked at again. */
  refreshMs?: number;
  leaseSeconds?: number;
  /** The first and the longest wait after a failure (doubling, with jitter). */
  backoff?: { firstMs: number; maxMs: number };
  log?: (message: string) => void;
}

export interface Poller {
  /** Finishes the batch at hand, gives the leases back, and resolves. */
  stop(): Promise<void>;
  /** Whether the product table has a stream, as last seen. */
  stream(): ConsumerStatus["stream"];
}

/** How long the table's stream ARN is trusted before DescribeTable is asked again (a stream turned on, off, or on anew). */
const ARN_REFRESH_MS = 60_000;
/** Records per GetRecords (at most 1000): a batch is stored well within the lease, which is renewed between batches. */
const BATCH = 1000;

/**
 * Errors by name only (and a network failure's code, such as ECONNREFUSED): messages can quote
 * keys, and keys hold session and verification tokens.
 */
function nameOf(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const { code } = error as { code?: unknown };
  return typeof code === "string" && /^E[A-Z_]+$/.test(code) ? `${error.name} ${code}` : error.name;
}

/** Exponential backoff with jitter: the nth failure in a row waits between half and all of first·2ⁿ⁻¹, at most max. */
export function backoffMs(failures: number, firstMs = 500, maxMs = 30_000, random = Math.random): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The shards that may be read now, parents first: a shard not finished yet whose parent is
 * finished (its checkpoint says closed) or gone from the stream. A child read before its parent
 * would store a key's later change before its earlier one.
 */
export function readableShards(
  shards: readonly Pick<Shard, "ShardId" | "ParentShardId">[],
  checkpoints: ReadonlyMap<string, Pick<Checkpoint, "closed">>,
): string[] {
  const listed = new Set(shards.map((shard) => shard.ShardId));
  const finished = (id: string) => checkpoints.get(id)?.closed === true;
  const readable: string[] = [];
  const placed = new Set<string>();
  // Parents first whatever order the listing came in: a pass per generation.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { ShardId: id, ParentShardId: parent } of shards) {
      if (!id || placed.has(id) || finished(id)) continue;
      if (parent && listed.has(parent) && !finished(parent)) continue;
      readable.push(id);
      placed.add(id);
      changed = true;
    }
  }
  return readable;
}

/**
 * Checkpoints this reader left on shards the stream no longer lists, unfinished: the records
 * after them were trimmed unread. (The Lambda's progress notes are not the poller's to judge.)
 */
export function lostCheckpoints(shards: readonly Pick<Shard, "ShardId">[], checkpoints: ReadonlyMap<string, Checkpoint>): Checkpoint[] {
  const listed = new Set(shards.map((shard) => shard.ShardId));
  return [...checkpoints.values()].filter((checkpoint) => checkpoint.consumer === "poll" && !checkpoint.closed && !listed.has(checkpoint.shardId));
}

/** The SDK's record in the shape both consumers map (its identity's fields are capitalised; Lambda's are not). */
export function fromSdkRecord(record: _Record): StreamRecordInput {
  return {
    eventName: record.eventName,
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
    dynamodb: record.dynamodb,
  };
}

/** A held shard: its lease, and where reading goes on. */
interface Reader {
  renewedAt: number;
  iterator?: string;
}

class StoreFailed extends Error {
  constructor(reason: string) {
    super(`records not stored (${reason})`);
    this.name = "StoreFailed";
  }
}

/**
 * The in-process stream consumer (`GATEHOUSE_ACTIVITY=poll`). Each shard is read by one reader
 * at a time, under a lease in Gatehouse's table, renewed while it reads; closed shards are
 * followed to their children, parents first. A shard's checkpoint moves only past records
 * storeRecords stored, so a restart, a crash or an outage resumes where storing stopped and
 * loses nothing (records stored twice are skipped). A checkpoint the stream has trimmed past is
 * a gap: recorded for the pages, and reading starts again from the oldest record.
 */
export function startPoller(options: PollerOptions): Poller {
  const { product, store, tables, streams, holder } = options;
  const pollMs = options.pollMs ?? 1000;
  const refreshMs = options.refreshMs ?? 10_000;
  const leaseSeconds = options.leaseSeconds ?? 30;
  const backoff = options.backoff ?? { firstMs: 500, maxMs: 30_000 };
  const log = options.log ?? console.error;
  const lease = { doc: store.doc, schema: store.schema, names: keysFor(store.schema).names };
  const leaseKey = consumerKeys(store.schema).lease;

  let stopping = false;
  let wake: (() => void) | undefined;
  let streamState: ConsumerStatus["stream"] = "unknown";
  let streamArn: string | undefined;
  let arnCheckedAt = 0;
  let listedAt = 0;
  let readable: string[] = [];
  /** Other readers' leases at the last refresh: not tried for until they expire. */
  let othersHold = new Map<string, number>();
  const readers = new Map<string, Reader>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping) return resolve();
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      wake = done;
    });

  async function release(shardId: string) {
    readers.delete(shardId);
    await releaseLease(lease, leaseKey(shardId), holder).catch((error: unknown) => log(`[activity] lease of ${shardId} not given back: ${nameOf(error)}`));
  }

  async function releaseAll() {
    for (const shardId of [...readers.keys()]) await release(shardId);
  }

  /** The product table's stream, asked again now and then; without one nothing is read (and nothing scanned). */
  async function currentStream(now: number): Promise<string | undefined> {
    if (streamState !== "unknown" && now - arnCheckedAt < ARN_REFRESH_MS) return streamArn;
    const { Table } = await tables.describeTable({ TableName: product.tableName });
    const arn = Table?.StreamSpecification?.StreamEnabled ? Table.LatestStreamArn : undefined;
    const state = arn ? "on" : "off";
    if (state !== streamState) log(arn ? "[activity] reading the product table's stream" : "[activity] the product table has no stream: activity is not read");
    if (arn !== streamArn) {
      await releaseAll();
      listedAt = 0;
    }
    streamArn = arn;
    streamState = state;
    arnCheckedAt = now;
    return arn;
  }

  async function listShards(arn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.describeStream({ StreamArn: arn, ExclusiveStartShardId: start });
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  /** The stream's shards and everyone's checkpoints and leases, again: which shards may be read, and what was lost. */
  async function refresh(arn: string, now: number) {
    const shards = await listShards(arn);
    const { checkpoints, leases } = await readConsumerItems(store, now);
    for (const lost of lostCheckpoints(shards, checkpoints)) {
      if (await recordGap(store, lost)) log(`[activity] shard ${lost.shardId} left the stream before it was read to its end: a gap is recorded`);
      checkpoints.delete(lost.shardId);
    }
    readable = readableShards(shards, checkpoints);
    for (const shardId of readers.keys()) if (!readable.includes(shardId)) await release(shardId);
    othersHold = new Map([...leases].filter(([, held]) => held.holder !== holder).map(([shardId, held]) => [shardId, held.expires * 1000]));
    listedAt = now;
  }

  /** Where to read a newly leased shard from: after its checkpoint, or from the oldest record (and a gap, when the checkpoint was trimmed past). */
  async function openIterator(arn: string, shardId: string): Promise<string | undefined> {
    const { Item } = await store.doc.get({ TableName: store.schema.tableName, Key: consumerKeys(store.schema).checkpoint(shardId), ConsistentRead: true });
    const checkpoint: Checkpoint | undefined = Item
      ? {
          shardId,
          sequence: typeof Item.sequence === "string" ? Item.sequence : undefined,
          lastRecordAt: typeof Item.lastRecordAt === "string" ? Item.lastRecordAt : undefined,
          closed: Item.closed === true,
          consumer: Item.consumer === "lambda" ? "lambda" : "poll",
        }
      : undefined;
    if (checkpoint?.closed) return undefined;
    if (checkpoint?.sequence) {
      try {
        const { ShardIterator } = await streams.getShardIterator({
          StreamArn: arn,
          ShardId: shardId,
          ShardIteratorType: "AFTER_SEQUENCE_NUMBER",
          SequenceNumber: checkpoint.sequence,
        });
        return ShardIterator;
      } catch (error) {
        // Trimmed: older than the stream keeps (24 hours). Invalid: not a record of this shard (any longer).
        if (nameOf(error) !== "TrimmedDataAccessException" && nameOf(error) !== "ValidationException") throw error;
        if (await recordGap(store, checkpoint))
          log(`[activity] the checkpoint of shard ${shardId} is older than the stream (${nameOf(error)}): a gap is recorded`);
      }
    }
    const { ShardIterator } = await streams.getShardIterator({ StreamArn: arn, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" });
    return ShardIterator;
  }

  /** One GetRecords of a held shard, stored and checkpointed; true when there was something to do. */
  async function readShard(arn: string, shardId: string, reader: Reader): Promise<boolean> {
    reader.iterator ??= await openIterator(arn, shardId);
    if (!reader.iterator) {
      // Finished by another reader meanwhile.
      await release(shardId);
      listedAt = 0;
      return true;
    }
    let page: GetRecordsCommandOutput;
    try {
      page = await streams.getRecords({ ShardIterator: reader.iterator, Limit: BATCH });
    } catch (error) {
      const name = nameOf(error);
      if (name === "ExpiredIteratorException" || name === "TrimmedDataAccessException") {
        // Open it again from the checkpoint (trimmed past it: a gap, found there).
        reader.iterator = undefined;
        return true;
      }
      if (name === "ResourceNotFoundException") {
        await release(shardId);
        listedAt = 0;
        return true;
      }
      throw error;
    }
    const records = page.Records ?? [];
    if (records.length) {
      const input = records.map(fromSdkRecord);
      const { done, failed } = await storeRecords(input, { product, store, log });
      const last = input[done - 1];
      if (last) await saveCheckpoint(store, shardId, last, "poll");
      if (failed) {
        // Read again from the checkpoint once the store answers.
        reader.iterator = undefined;
        throw new StoreFailed(failed.error);
      }
    }
    if (!page.NextShardIterator) {
      // Closed and read to its end: its children may be read now.
      await closeCheckpoint(store, shardId);
      await release(shardId);
      listedAt = 0;
      return true;
    }
    reader.iterator = page.NextShardIterator;
    return records.length > 0;
  }

  /** One pass over the shards this reader may read; true when any had records (read again without waiting). */
  async function round(): Promise<boolean> {
    const now = Date.now();
    const arn = await currentStream(now);
    if (!arn) return false;
    if (now - listedAt >= refreshMs) await refresh(arn, now);
    let busy = false;
    for (const shardId of readable) {
      if (stopping) break;
      let reader = readers.get(shardId);
      if (!reader || now - reader.renewedAt > (leaseSeconds * 1000) / 3) {
        if (!reader && (othersHold.get(shardId) ?? 0) > now) continue;
        if (!(await takeLease(lease, leaseKey(shardId), holder, "activity stream shard", leaseSeconds))) {
          readers.delete(shardId);
          continue;
        }
        reader ??= { renewedAt: now };
        reader.renewedAt = now;
        readers.set(shardId, reader);
      }
      if (await readShard(arn, shardId, reader)) busy = true;
    }
    return busy;
  }

  const running = (async () => {
    let failures = 0;
    let lastFailure = "";
    while (!stopping) {
      try {
        const busy = await round();
        if (failures) log(`[activity] reading the stream again after ${failures} failed attempt${failures === 1 ? "" : "s"}`);
        failures = 0;
        lastFailure = "";
        if (!busy) await sleep(pollMs);
      } catch (error) {
        failures++;
        const wait = backoffMs(failures, backoff.firstMs, backoff.maxMs);
        if (nameOf(error) !== lastFailure)
          log(`[activity] stream not read: ${nameOf(error)}; trying again, waiting up to ${backoff.maxMs / 1000} s between attempts`);
        lastFailure = nameOf(error);
        await sleep(wait);
      }
    }
    await releaseAll();
  })();

  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
    },
    stream: () => streamState,
  };
}
