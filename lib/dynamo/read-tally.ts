import { AsyncLocalStorage } from "node:async_hooks";
import { BatchGetItemCommand, GetItemCommand, QueryCommand as RawQueryCommand, ScanCommand as RawScanCommand, type ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";

/** The read units DynamoDB said it consumed for a piece of work. */
export interface ReadTally {
  units: number;
}

const storage = new AsyncLocalStorage<ReadTally>();
const readCommands = [GetCommand, QueryCommand, ScanCommand, BatchGetCommand, GetItemCommand, RawQueryCommand, RawScanCommand, BatchGetItemCommand];

/**
 * Runs `work` with `tally` open: every read any client wrapped by countReads makes for it
 * (including its concurrent branches) adds its consumed read units. The caller owns the tally, so
 * the units of reads made before a failure are still there to charge.
 */
export function tallyReads<T>(tally: ReadTally, work: () => Promise<T>): Promise<T> {
  return storage.run(tally, work);
}

function unitsOf(capacity: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  const list = Array.isArray(capacity) ? capacity : capacity ? [capacity] : [];
  return list.reduce((sum, c) => sum + (c.ReadCapacityUnits ?? c.CapacityUnits ?? 0), 0);
}

/**
 * Wraps `client.send`: while a tally is open in the caller's context, each read command asks for
 * its consumed capacity and adds it to the tally. Outside a tally, sends are untouched. Like
 * countWrites, it must be the outermost wrapper, so it sees the caller's context.
 */
export function countReads<C extends { send: (...args: never[]) => Promise<unknown> }>(client: C): C {
  const send = client.send.bind(client) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = (command: unknown, ...rest: unknown[]) => {
    const tally = storage.getStore();
    if (!tally || !readCommands.some((Kind) => command instanceof Kind)) return send(command, ...rest);
    const input = (command as { input: { ReturnConsumedCapacity?: string } }).input;
    input.ReturnConsumedCapacity ??= "TOTAL";
    return send(command, ...rest).then((output) => {
      tally.units += unitsOf((output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
      return output;
    });
  };
  return client;
}
