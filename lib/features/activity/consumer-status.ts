import type { Meter } from "@/lib/dynamo/meter";
import { readConsumerItems } from "./consumer-items";
import type { ActivityStore } from "./store";

/** How far the stream consumer has got, for the pages' status line. */
export interface ConsumerStatus {
  mode: "poll" | "lambda" | "off";
  stream: "on" | "off" | "unknown";
  shards: { shardId: string; sequence?: string; lastRecordAt?: string; checkpointAt?: string; closed: boolean; holder?: string }[];
  /** newest first */
  gaps: { at: string; shardId: string; lastRecordAt?: string }[];
  /** newest lastRecordAt over shards */
  lastRecordAt?: string;
  /** newest checkpointAt */
  checkpointAt?: string;
}

const newest = (values: (string | undefined)[]) => values.reduce<string | undefined>((a, b) => (b && (!a || b > a) ? b : a), undefined);

/** The consumer's checkpoints, leases and gaps: one Query of its partition, never a scan. */
export async function readConsumerStatus(
  store: ActivityStore,
  mode: ConsumerStatus["mode"],
  stream: ConsumerStatus["stream"],
  meter?: Meter,
): Promise<ConsumerStatus> {
  const { checkpoints, leases, gaps } = await readConsumerItems(store, Date.now(), meter);
  const ids = [...new Set([...checkpoints.keys(), ...leases.keys()])].sort();
  const shards = ids.map((shardId) => {
    const checkpoint = checkpoints.get(shardId);
    const holder = leases.get(shardId)?.holder;
    return {
      shardId,
      ...(checkpoint?.sequence ? { sequence: checkpoint.sequence } : {}),
      ...(checkpoint?.lastRecordAt ? { lastRecordAt: checkpoint.lastRecordAt } : {}),
      ...(checkpoint?.checkpointAt ? { checkpointAt: checkpoint.checkpointAt } : {}),
      closed: checkpoint?.closed ?? false,
      ...(holder ? { holder } : {}),
    };
  });
  const status: ConsumerStatus = { mode, stream, shards, gaps };
  const lastRecordAt = newest(shards.map((shard) => shard.lastRecordAt));
  const checkpointAt = newest(shards.map((shard) => shard.checkpointAt));
  if (lastRecordAt) status.lastRecordAt = lastRecordAt;
  if (checkpointAt) status.checkpointAt = checkpointAt;
  return status;
}
