import { randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreams } from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { AdapterUser } from "next-auth/adapters";
import { ATTRIBUTES } from "@/guard/src/contract";
import type { TableSchema } from "@/lib/config";
import { mapConcurrent } from "@/lib/dynamo/concurrent";
import { ensureTable } from "@/lib/dynamo/table-health";
import { DEFAULT_SHARDS } from "@/lib/features/activity/keys";
import { startPoller } from "@/lib/features/activity/poller";
import { type ActivityStore, readFigures } from "@/lib/features/activity/store";
import { fingerprint } from "@/lib/secrets";
import { eventKey, type LagFigures, lagFigures, pacedOrder } from "./bench-activity-lag";
import { round } from "./bench-measure";
import { benchFirstPages, operatorSession, type PageFigures } from "./bench-pages";
import type { ConsoleServer } from "./console-server";

/**
 * The activity phase (issue 21): a streamed product table written through the real
 * @auth/dynamodb-adapter, read by the in-process consumer (startPoller) into its own Gatehouse
 * table, then the pages that read it. Four figures:
 * - throughput: every write made first, then the poller started and timed until every event is
 *   stored (events / seconds);
 * - lag: a steady run at `lagRate` writes/s with the poller already running; per event, the time
 *   its store put succeeded less the time the write causing it was acknowledged, both on this
 *   process's clock (bench-activity-lag.ts);
 * - write units: the store's puts and updates asked for their consumed capacity during the
 *   throughput run, per event stored;
 * - pages: /activity, / and a user's page from a console on these tables (GATEHOUSE_ACTIVITY=off:
 *   the data is there already), signed in, as the other first pages are timed.
 */

/** One user's magic-link sign-up as the adapter writes it: five writes, six events. */
const STEPS = 5;
const EVENTS_PER_JOURNEY = 6;
/** Writes in flight while the table is filled for the throughput run. */
const WRITE_CONCURRENCY = 16;
/** Without a new event for this long the consumer is taken as stuck: the run ends and says how far it got. */
const STALL_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ActivityBenchFigures {
  writes: number;
  write: { seconds: number; perSecond: number };
  consumer: { expected: number; events: number; seconds: number; eventsPerSecond: number; figuresEvents: number; requestsPerEvent: number };
  units: { reported: number; failedConditional: number; perEvent: number; bookkeeping: number };
  lag: LagFigures & { rate: number; seconds: number; writes: number; achievedRate: number };
  pages: PageFigures[];
  pagesNote?: string;
}

/** Counts of what the consumer wrote through its store's client. */
interface StoreMeter {
  /** Each stored event by eventKey, and when its put succeeded. */
  stored: Map<string, number>;
  events: number;
  /** performance.now() of the newest event stored. */
  lastStoredAt: number;
  /** Capacity the engine reported for writes of events, figures and active-user markers. */
  units: number;
  /** Conditional writes refused (a marker already there, an event stored before): AWS bills each at least 1 WCU; none reports it. */
  failedConditional: number;
  /** Checkpoints and leases. */
  bookkeeping: number;
  /** Every request the consumer made through the store's client (reads of audit entries, checkpoints and leases too). */
  requests: number;
}

/** The store's client, wrapped: its puts and updates ask for TOTAL consumed capacity and are counted. */
function meteredDoc(doc: DynamoDBDocument, partitionKey: string, meter: StoreMeter): DynamoDBDocument {
  type Write = { Item?: Record<string, unknown>; Key?: Record<string, unknown>; ReturnConsumedCapacity?: string };
  const wrap = (call: (input: Write) => Promise<{ ConsumedCapacity?: { CapacityUnits?: number } }>) => async (input: Write) => {
    meter.requests++;
    const key = String((input.Item ?? input.Key)?.[partitionKey] ?? "");
    const activity = key.startsWith("ACTIVITY#") && !key.startsWith("ACTIVITY#CONSUMER");
    try {
      const output = await call({ ...input, ReturnConsumedCapacity: "TOTAL" });
      const units = output.ConsumedCapacity?.CapacityUnits ?? 0;
      if (activity) meter.units += units;
      else meter.bookkeeping += units;
      const item = input.Item;
      if (activity && item && typeof item.type === "string" && typeof item.id === "string") {
        meter.events++;
        meter.lastStoredAt = performance.now();
        meter.stored.set(eventKey(item as { type: string }), Date.now());
      }
      return output;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") {
        if (activity) meter.failedConditional++;
        else meter.bookkeeping++;
      }
      throw error;
    }
  };
  type BatchWrite = Parameters<DynamoDBDocument["batchWrite"]>[0];
  /** The events' BatchWriteItem: its units, and each event it stored (what it left unprocessed is sent again, and counted then). */
  const batchWrite = async (input: BatchWrite) => {
    meter.requests++;
    const output = await doc.batchWrite({ ...input, ReturnConsumedCapacity: "TOTAL" });
    meter.units += (output.ConsumedCapacity ?? []).reduce((sum, capacity) => sum + (capacity.CapacityUnits ?? 0), 0);
    const left = new Set(
      Object.values(output.UnprocessedItems ?? {})
        .flat()
        .map((request) => request.PutRequest?.Item?.id),
    );
    for (const request of Object.values(input.RequestItems ?? {}).flat()) {
      const item = request.PutRequest?.Item;
      if (!item || typeof item.type !== "string" || typeof item.id !== "string" || left.has(item.id)) continue;
      meter.events++;
      meter.lastStoredAt = performance.now();
      meter.stored.set(eventKey(item as { type: string }), Date.now());
    }
    return output;
  };
  return new Proxy(doc, {
    get(target, property, receiver) {
      if (property === "batchWrite") return batchWrite;
      if (property === "put") return wrap((input) => target.put(input as Parameters<DynamoDBDocument["put"]>[0]));
      if (property === "update") return wrap((input) => target.update(input as Parameters<DynamoDBDocument["update"]>[0]));
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        meter.requests++;
        return value.apply(target, args);
      };
    },
  });
}

/**
 * One journey's writes, in order; each resolves to the events it should cause (by eventKey). The
 * adapter picks the user's id itself, so the later steps use the one createUser answered.
 */
function journey(adapter: ReturnType<typeof DynamoDBAdapter>, run: string, n: number) {
  const user = { id: "" };
  const email = `activity-${run}-${n}@example.test`;
  const token = randomUUID();
  const sessionToken = randomUUID();
  const later = () => new Date(Date.now() + 24 * 3600_000);
  const steps: (() => Promise<string[]>)[] = [
    async () => {
      user.id = (await required(adapter.createUser)({ id: "", email, emailVerified: null })).id;
      return [eventKey({ type: "sign-up", userId: user.id })];
    },
    async () => {
      await required(adapter.createVerificationToken)({ identifier: email, token, expires: later() });
      return [eventKey({ type: "link-requested", fingerprint: fingerprint(token) })];
    },
    async () => {
      if (!(await required(adapter.useVerificationToken)({ identifier: email, token }))) throw new Error("activity: the magic link was not there to use");
      return [eventKey({ type: "link-used", fingerprint: fingerprint(token) })];
    },
    async () => {
      // The guard's sign-in fields (guard/src/table.ts recordSignIn), with the verification Auth.js makes on a first magic link.
      await required(adapter.updateUser)({
        id: user.id,
        emailVerified: new Date(),
        [ATTRIBUTES.signInCount]: 1,
        [ATTRIBUTES.lastSignInAt]: new Date().toISOString(),
        [ATTRIBUTES.lastSignInProvider]: "email",
      } as Partial<AdapterUser> & Pick<AdapterUser, "id">);
      return [eventKey({ type: "email-verified", userId: user.id }), eventKey({ type: "sign-in", userId: user.id })];
    },
    async () => {
      await required(adapter.createSession)({ sessionToken, userId: user.id, expires: later() });
      return [eventKey({ type: "session-created", fingerprint: fingerprint(sessionToken) })];
    },
  ];
  return { user, steps };
}

function required<T>(method: T | undefined): T {
  if (!method) throw new Error("@auth/dynamodb-adapter no longer has a method the bench writes with");
  return method;
}

/** Waits until `done()` or until nothing new was stored for STALL_MS; true when done. */
async function until(meter: StoreMeter, done: () => boolean, log: (m: string) => void, label: string): Promise<boolean> {
  let seen = meter.events;
  let movedAt = Date.now();
  let loggedAt = Date.now();
  while (!done()) {
    await sleep(50);
    if (meter.events !== seen) {
      seen = meter.events;
      movedAt = Date.now();
    }
    if (Date.now() - loggedAt > 15_000) {
      log(`activity: ${label}: ${meter.events.toLocaleString("en")} events stored so far`);
      loggedAt = Date.now();
    }
    if (Date.now() - movedAt > STALL_MS) return false;
  }
  return true;
}

export async function benchActivity(options: {
  endpoint: string;
  raw: DynamoDB;
  doc: DynamoDBDocument;
  writes: number;
  lagRate: number;
  lagSeconds: number;
  runs: number;
  operatorEmail: string;
  /** Starts the console on these tables; absent with --skip-app. */
  serve?: (env: Record<string, string>) => Promise<ConsoleServer>;
  htmlDir?: string;
  log: (message: string) => void;
}): Promise<ActivityBenchFigures> {
  const { raw, doc, log } = options;
  const names = { partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" };
  const product: TableSchema = { tableName: "bench-activity-product", ...names };
  const gatehouse: TableSchema = { tableName: "bench-activity-gatehouse", ...names };
  await ensureTable(raw, product, { ttl: false, stream: true });
  await ensureTable(raw, gatehouse, { ttl: false });
  const adapter = DynamoDBAdapter(doc, product);

  // The throughput run: every write first, then the consumer alone.
  const journeys = Math.ceil(options.writes / STEPS);
  const writes = journeys * STEPS;
  log(`activity: ${writes.toLocaleString("en")} adapter writes (${journeys.toLocaleString("en")} magic-link sign-ups) to a streamed table…`);
  const writeStarted = performance.now();
  let userId = "";
  let made = 0;
  await mapConcurrent(
    Array.from({ length: journeys }, (_, n) => n),
    WRITE_CONCURRENCY,
    async (n) => {
      const { user, steps } = journey(adapter, "fill", n);
      for (const write of steps) await write();
      if (n === 0) userId = user.id;
      made += STEPS;
      if (made % Math.max(STEPS, Math.round(writes / 10 / STEPS) * STEPS) === 0) log(`activity: ${made.toLocaleString("en")} writes`);
    },
  );
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  log(`activity: written in ${round(writeSeconds)} s (${Math.round(writes / writeSeconds)} writes/s)`);

  const meter: StoreMeter = { stored: new Map(), events: 0, lastStoredAt: 0, units: 0, failedConditional: 0, bookkeeping: 0, requests: 0 };
  const store: ActivityStore = { doc: meteredDoc(doc, gatehouse.partitionKey, meter), schema: gatehouse, retentionDays: 90, shards: DEFAULT_SHARDS };
  const streams = new DynamoDBStreams({ endpoint: options.endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const expected = journeys * EVENTS_PER_JOURNEY;
  const consumerStarted = performance.now();
  const consume = () => startPoller({ product, store, tables: raw, streams, holder: `bench:${process.pid}`, log: (m) => log(m) });
  let poller = consume();
  try {
    const finished = await until(meter, () => meter.events >= expected, log, "throughput run");
    // To the last event stored, not to when the wait noticed (nor to the stall's end, when it stopped short).
    const consumerSeconds = (Math.max(meter.lastStoredAt, consumerStarted) - consumerStarted) / 1000;
    const stored = meter.events;
    // Stopped, it finishes the batch at hand: the last events' figures and markers are written and counted too.
    await poller.stop();
    const requestsPerEvent = round(meter.requests / Math.max(1, stored), 2);
    const units = { reported: meter.units, failedConditional: meter.failedConditional, bookkeeping: meter.bookkeeping };
    if (!finished) log(`activity: the consumer stopped storing at ${stored} of ${expected} events`);
    const figures = await readFigures(store, "2000-01-01", "2999-12-31");
    const figuresEvents = [...figures.entries()].filter(([period]) => period.length === 10).reduce((sum, [, f]) => sum + (f.events ?? 0), 0);
    const eventsPerSecond = consumerSeconds > 0 ? Math.round(stored / consumerSeconds) : 0;
    log(
      `activity: consumer stored ${stored.toLocaleString("en")} events in ${round(consumerSeconds)} s (${eventsPerSecond} events/s); figures say ${figuresEvents}`,
    );

    // The lag run: the poller keeps reading while writes arrive at a steady rate.
    const lagJourneys = Math.ceil((options.lagRate * options.lagSeconds) / STEPS);
    const perBlock = Math.max(1, Math.round(options.lagRate / STEPS));
    const lagUsers = Array.from({ length: lagJourneys }, (_, n) => journey(adapter, "lag", n));
    const order = pacedOrder(lagJourneys, STEPS, perBlock);
    const written = new Map<string, number>();
    // Running and caught up before the first write, as a console's poller is: its start-up is not lag.
    poller = consume();
    await sleep(3000);
    const previous = new Map<number, Promise<unknown>>();
    const inFlight: Promise<unknown>[] = [];
    log(`activity: lag run, ${order.length.toLocaleString("en")} writes at ${options.lagRate}/s with the consumer running…`);
    const lagStarted = performance.now();
    for (const [i, [n, step]] of order.entries()) {
      const due = lagStarted + (i * 1000) / options.lagRate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const write = lagUsers[n]?.steps[step];
      if (!write) continue;
      // A journey's steps stay in order even when a write is slower than the block.
      const done = (previous.get(n) ?? Promise.resolve()).then(write).then((keys) => {
        const at = Date.now();
        for (const key of keys) written.set(key, at);
      });
      previous.set(n, done);
      inFlight.push(done);
    }
    await Promise.all(inFlight);
    const lagWriteSeconds = (performance.now() - lagStarted) / 1000;
    await until(meter, () => [...written.keys()].every((key) => meter.stored.has(key)), log, "lag run");
    const lag = {
      ...lagFigures(written, meter.stored),
      rate: options.lagRate,
      seconds: options.lagSeconds,
      writes: order.length,
      achievedRate: Math.round(order.length / lagWriteSeconds),
    };
    log(`activity: lag p50 ${lag.p50Ms} ms, p95 ${lag.p95Ms} ms, max ${lag.maxMs} ms over ${lag.events} events (${lag.missing} missing)`);
    await poller.stop();

    let pages: PageFigures[] = [];
    let pagesNote: string | undefined;
    if (options.serve) {
      const sessionToken = await operatorSession(doc, gatehouse, options.operatorEmail);
      const server = await options.serve({ AUTH_DYNAMODB_TABLE: product.tableName, GATEHOUSE_TABLE: gatehouse.tableName, GATEHOUSE_ACTIVITY: "off" });
      try {
        const userRoute = `/users/${encodeURIComponent(userId)}`;
        const userPage = await (await fetch(`${server.url}${userRoute}`, { headers: { cookie: `authjs.session-token=${sessionToken}` } })).text();
        // The user's Activity section lists their events (describeEvent's words), not an empty state.
        if (!userPage.includes("Signed up")) throw new Error(`activity: GET ${userRoute} does not show the user's sign-up\n${server.output().slice(-2000)}`);
        pages = await benchFirstPages({
          server,
          sessionToken,
          operatorEmail: options.operatorEmail,
          routes: ["/activity", "/", userRoute],
          runs: options.runs,
          htmlDir: options.htmlDir,
        });
      } finally {
        server.stop();
      }
    } else pagesNote = "skipped (--skip-app)";

    return {
      writes,
      write: { seconds: round(writeSeconds), perSecond: Math.round(writes / writeSeconds) },
      consumer: { expected, events: stored, seconds: round(consumerSeconds), eventsPerSecond, figuresEvents, requestsPerEvent },
      units: { ...units, reported: round(units.reported), perEvent: round((units.reported + units.failedConditional) / Math.max(1, stored), 2) },
      lag,
      pages,
      pagesNote,
    };
  } finally {
    await poller.stop();
    streams.destroy();
  }
}
