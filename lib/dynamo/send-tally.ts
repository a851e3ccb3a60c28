import type { AsyncLocalStorage } from "node:async_hooks";
import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";

type CommandClass = abstract new (...args: never[]) => unknown;

/** The capacity units a call's output reports, of one kind (`CapacityUnits` when the kind is not split out). */
export function capacityUnits(output: unknown, kind: "ReadCapacityUnits" | "WriteCapacityUnits"): number {
  const capacity = (output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
  const list = Array.isArray(capacity) ? capacity : capacity ? [capacity] : [];
  return list.reduce((sum, c) => sum + (c[kind] ?? c.CapacityUnits ?? 0), 0);
}

/**
 * Wraps `client.send`: while a tally is open in `storage` for the caller's context, each command
 * of `commands` asks for its consumed capacity, `sent` (if given) counts it as it leaves, and
 * `count` adds its output to the tally once it answers. Outside a tally, sends are untouched.
 * It must be the outermost wrapper, so it sees the caller's context before the call moves into
 * the root scope (root-scope.ts).
 */
export function tallySends<C extends { send: (...args: never[]) => Promise<unknown> }, T>(
  client: C,
  storage: AsyncLocalStorage<T>,
  commands: readonly CommandClass[],
  count: (tally: T, output: unknown) => void,
  sent?: (tally: T) => void,
): C {
  const send = client.send.bind(client) as (command: unknown, ...rest: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = (command: unknown, ...rest: unknown[]) => {
    const tally = storage.getStore();
    if (!tally || !commands.some((Kind) => command instanceof Kind)) return send(command, ...rest);
    const input = (command as { input: { ReturnConsumedCapacity?: string } }).input;
    input.ReturnConsumedCapacity ??= "TOTAL";
    sent?.(tally);
    return send(command, ...rest).then((output) => {
      count(tally, output);
      return output;
    });
  };
  return client;
}
