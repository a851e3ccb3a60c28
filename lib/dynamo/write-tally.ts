import { AsyncLocalStorage } from "node:async_hooks";
import { BatchWriteItemCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { capacityUnits, tallySends } from "./send-tally";

/** The writes made while a piece of work ran: requests sent, and the write units DynamoDB says they consumed. */
export interface WriteTally {
  requests: number;
  units: number;
}

const storage = new AsyncLocalStorage<WriteTally>();
const writeCommands = [
  PutCommand,
  UpdateCommand,
  DeleteCommand,
  BatchWriteCommand,
  PutItemCommand,
  UpdateItemCommand,
  DeleteItemCommand,
  BatchWriteItemCommand,
];

/** Runs `work` and counts every write any client wrapped by countWrites makes for it (including its concurrent branches). */
export async function tallyWrites<T>(work: () => Promise<T>): Promise<{ result: T; writes: WriteTally }> {
  const writes: WriteTally = { requests: 0, units: 0 };
  const result = await storage.run(writes, work);
  return { result, writes };
}

/** Wraps `client.send` so writes made inside tallyWrites are counted, a request each (see tallySends). */
export function countWrites<C extends { send: (...args: never[]) => Promise<unknown> }>(client: C): C {
  return tallySends(
    client,
    storage,
    writeCommands,
    (tally, output) => {
      tally.units += capacityUnits(output, "WriteCapacityUnits");
    },
    // A request counts as sent, whether or not it succeeds.
    (tally) => {
      tally.requests += 1;
    },
  );
}
