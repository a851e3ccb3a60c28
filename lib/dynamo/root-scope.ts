import { AsyncResource } from "node:async_hooks";

const SCOPE = Symbol.for("gatehouse.dynamodb-root-scope");
type Holder = { [SCOPE]?: AsyncResource };

/**
 * Node gives every promise, timer and socket the async context it was made in, and Next keeps
 * each request's whole store in that context. The DynamoDB client outlives requests: its
 * keep-alive sockets, and the config promises it memoizes on its first call, kept the store of
 * the request that made them reachable, and through it others: the console's memory grew with
 * every page served. Captured once at server start (instrumentation.ts), outside any request,
 * this empty scope is where the client's calls then run. A global, because Next may bundle
 * this module more than once.
 */
export function captureRootScope(): void {
  (globalThis as Holder)[SCOPE] ??= new AsyncResource("GATEHOUSE_DYNAMODB");
}

export function rootScope(): AsyncResource | undefined {
  return (globalThis as Holder)[SCOPE];
}

/**
 * Runs each `send` of `client` in `scope`. The caller's `await` still resumes in its own
 * context: only what the SDK makes and keeps is born outside the request.
 */
export function sendInScope<C extends { send: (...args: never[]) => Promise<unknown> }>(client: C, scope: AsyncResource): C {
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = (...args: unknown[]) => scope.runInAsyncScope(send, null, ...args);
  return client;
}
