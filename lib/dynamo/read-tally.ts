import { AsyncLocalStorage } from "node:async_hooks";
import { BatchGetItemCommand, GetItemCommand, QueryCommand as RawQueryCommand, ScanCommand as RawScanCommand } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { capacityUnits, tallySends } from "./send-tally";

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

/** Wraps `client.send` so reads made inside tallyReads are counted (see tallySends). */
export function countReads<C extends { send: (...args: never[]) => Promise<unknown> }>(client: C): C {
  return tallySends(client, storage, readCommands, (tally, output) => {
    tally.units += capacityUnits(output, "ReadCapacityUnits");
  });
}
