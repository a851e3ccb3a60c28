import { AsyncLocalStorage } from "node:async_hooks";
import { BatchWriteItemCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand, type ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DeleteCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/** The writes made while a piece of work ran: requests sent, and the write units DynamoDB says they consumed. */
export interface WriteTally {
  requests: number;
  units: number;
}

const storage = new AsyncLocalStorage<WriteTally>();
const writeCommands = [PutCommand, UpdateCommand, DeleteCommand, BatchWriteCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand, BatchWriteItemCommand];

/** Runs `work` and counts every write any client wrapped by countWrites makes for it (including its concurrent branches). */
export async function tallyWrites<T>(work: () => Promise<T>): Promise<{ result: T; writes: WriteTally }> {
  const writes: WriteTally = { requests: 0, units: 0 };
  const result = await storage.run(writes, work);
  return { result, writes };
}

function unitsOf(capacity: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  const list = Array.isArray(capacity) ? capacity : capacity ? [capacity] : [];
  return list.reduce((sum, c) => sum + (c.WriteCapacityUnits ?? c.CapacityUnits ?? 0), 0);
}

/**
 * Wraps `client.send`: while a tally is open in the caller's context, each write command asks
 * for its consumed capacity and adds it (and one request) to the tally. Outside a tally, sends
 * are untouched. The check runs before the call leaves the caller's context (root-scope.ts).
 */
export function countWrites<C extends { send: (...args: never[]) => Promise<unknown> }>(client: C): C {
  const send = client.send.bind(client) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = (command: unknown, ...rest: unknown[]) => {
    const tally = storage.getStore();
    if (!tally || !writeCommands.some((Kind) => command instanceof Kind)) return send(command, ...rest);
    const input = (command as { input: { ReturnConsumedCapacity?: string } }).input;
    input.ReturnConsumedCapacity ??= "TOTAL";
    tally.requests += 1;
    return send(command, ...rest).then((output) => {
      tally.units += unitsOf((output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
      return output;
    });
  };
  return client;
}
