/**
 * Demo traffic: while `npm start` serves the embedded demo, a demo user signs in or out every few
 * seconds through the real `@auth/dynamodb-adapter` and the guard's own sign-in record, so the
 * product table's stream (and the activity page) has something to show. Only ever on the
 * embedded engine; GATEHOUSE_DEMO_TRAFFIC=off turns it off there.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { ATTRIBUTES, blockIsActive } from "@/guard/src/contract";
import { resolveOptions } from "@/guard/src/options";
import { guardTable } from "@/guard/src/table";
import { type DynamoConfig, parse } from "@/lib/config";
import { DEMO_EMAIL_PROVIDER } from "./demo-activity";

const demoTrafficEnv = z.object({ GATEHOUSE_DEMO_TRAFFIC: z.enum(["on", "off"]).optional() });

/** What one step did, by user and provider: never a token. */
export type DemoTrafficStep =
  | { action: "sign-in" | "magic-link"; userId: string; email: string; provider: string }
  | { action: "unused-link" | "sign-out"; userId: string; email: string }
  | { action: "none"; reason: string };
export type DemoTrafficAction = "sign-in" | "magic-link" | "unused-link" | "sign-out";

/** How often each step is chosen: sign-ins (made sessions) a little ahead of sign-outs, some links never used. */
const MIX: readonly [DemoTrafficAction, number][] = [
  ["sign-in", 0.36],
  ["magic-link", 0.14],
  ["unused-link", 0.08],
  ["sign-out", 0.42],
];
const SESSION_MS = 30 * 86_400_000;
const LINK_MS = 86_400_000;
/** Users are listed again after this many steps, so users added in the console take part. */
const RELIST_EVERY = 200;
const MAX_USERS = 1000;

/** Why the demo traffic does not run with this configuration, or undefined when it does. */
export function demoTrafficRefusal(env: Record<string, string | undefined>, config: Pick<DynamoConfig, "engine">): string | undefined {
  const e = parse(demoTrafficEnv, env);
  if (config.engine !== "embedded") return `it runs on the embedded engine only, and this one is ${config.engine}`;
  if (e.GATEHOUSE_DEMO_TRAFFIC === "off") return "GATEHOUSE_DEMO_TRAFFIC=off";
  return undefined;
}

interface DemoUser {
  id: string;
  email: string;
}

export interface DemoTrafficOptions {
  /** Picks steps and users; Math.random unless a test fixes it. */
  random?: () => number;
  now?: () => number;
}

/** One step at a time against the product table of an embedded config; throws for any other engine. */
export function createDemoTraffic(doc: DynamoDBDocument, config: DynamoConfig, options: DemoTrafficOptions = {}) {
  if (config.engine !== "embedded") throw new Error(`Demo traffic runs on the embedded engine only, not on ${config.engine}`);
  const schema = config.product;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const adapter = DynamoDBAdapter(doc, schema);
  // Renamed: the linter takes any use* function for a React hook.
  const { createSession, deleteSession, createVerificationToken, useVerificationToken: consumeVerificationToken, updateUser } = adapter;
  if (!createSession || !deleteSession || !createVerificationToken || !consumeVerificationToken || !updateUser)
    throw new Error("@auth/dynamodb-adapter no longer writes sessions and verification tokens");
  const auth = { createSession, deleteSession, createVerificationToken, consumeVerificationToken, updateUser };
  const guard = guardTable(resolveOptions({ client: doc, appName: "gatehouse-demo", ...schema }));
  const { partitionKey: pk, sortKey: sk } = schema;
  let users: DemoUser[] = [];
  let steps = 0;

  function draw(): DemoTrafficAction {
    let roll = random();
    for (const [action, weight] of MIX) {
      roll -= weight;
      if (roll < 0) return action;
    }
    return "sign-out";
  }

  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

  async function listUsers(): Promise<DemoUser[]> {
    const found: DemoUser[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.scan({
        TableName: schema.tableName,
        FilterExpression: "#type = :user",
        ProjectionExpression: "#id, #email",
        ExpressionAttributeNames: { "#type": "type", "#id": "id", "#email": "email" },
        ExpressionAttributeValues: { ":user": "USER" },
        ExclusiveStartKey: start,
      });
      for (const item of page.Items ?? []) {
        if (typeof item.id === "string" && typeof item.email === "string") found.push({ id: item.id, email: item.email });
      }
      start = page.LastEvaluatedKey;
    } while (start && found.length < MAX_USERS);
    return found;
  }

  async function partition(userId: string, prefix: string, attributes: string[]) {
    const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
    const page = await doc.query({
      TableName: schema.tableName,
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :prefix)",
      ProjectionExpression: ["#sk", ...Object.keys(names)].join(", "),
      ExpressionAttributeNames: { "#pk": pk, "#sk": sk, ...names },
      ExpressionAttributeValues: { ":pk": `USER#${userId}`, ":prefix": prefix },
    });
    return page.Items ?? [];
  }

  /** A user the guard would let in: not blocked now. */
  async function signInable(): Promise<DemoUser | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const user = pick(users);
      if (!user) return undefined;
      const standing = await guard.userById(user.id, true);
      if (standing && !blockIsActive(standing.item[ATTRIBUTES.block], now())) return user;
    }
    return undefined;
  }

  /** Auth.js with database sessions: the session, then the guard's signIn event records the sign-in on the user item. */
  async function signIn(user: DemoUser, provider: string) {
    await auth.createSession({ sessionToken: randomUUID(), userId: user.id, expires: new Date(now() + SESSION_MS) });
    await guard.recordSignIn(user.id, provider, new Date(now()));
  }

  /** A magic link as Auth.js stores one: the token hashed (here: of random bytes no one ever sees). */
  async function requestLink(user: DemoUser) {
    const token = createHash("sha256").update(randomBytes(32)).digest("hex");
    await auth.createVerificationToken({ identifier: user.email, token, expires: new Date(now() + LINK_MS) });
    return token;
  }

  /** A magic link, asked for and followed: Auth.js uses the token up, marks the email verified and makes the session. */
  async function followLink(user: DemoUser) {
    const token = await requestLink(user);
    await auth.consumeVerificationToken({ identifier: user.email, token });
    await auth.updateUser({ id: user.id, emailVerified: new Date(now()) });
    await signIn(user, DEMO_EMAIL_PROVIDER);
  }

  async function step(action: DemoTrafficAction): Promise<DemoTrafficStep> {
    if (action === "sign-out") {
      for (let attempt = 0; attempt < 5; attempt++) {
        const user = pick(users);
        if (!user) break;
        const live = (await partition(user.id, "SESSION#", ["expires"])).filter((s) => typeof s.expires === "number" && s.expires * 1000 > now());
        const session = pick(live);
        if (!session) continue;
        await auth.deleteSession(String(session[sk]).slice("SESSION#".length));
        return { action, userId: user.id, email: user.email };
      }
      return { action: "none", reason: "no live session found" };
    }
    const user = await signInable();
    if (!user) return { action: "none", reason: users.length ? "no user the guard lets in" : "no users" };
    if (action === "unused-link") {
      await requestLink(user);
      return { action, userId: user.id, email: user.email };
    }
    if (action === "sign-in") {
      const provider = pick((await partition(user.id, "ACCOUNT#", ["provider"])).map((a) => String(a.provider)));
      if (provider) {
        await signIn(user, provider);
        return { action, userId: user.id, email: user.email, provider };
      }
    }
    await followLink(user);
    return { action: "magic-link", userId: user.id, email: user.email, provider: DEMO_EMAIL_PROVIDER };
  }

  return {
    /** One step: the given action, or one drawn from the mix. */
    async tick(action?: DemoTrafficAction): Promise<DemoTrafficStep> {
      if (steps++ % RELIST_EVERY === 0 || !users.length) users = await listUsers();
      return step(action ?? draw());
    },
  };
}

export interface DemoTraffic {
  stop(): Promise<void>;
}

/**
 * Runs a step every `intervalMs` (jittered) until stopped; undefined, having started nothing,
 * when demoTrafficRefusal refuses. The timer is unref'd: it never keeps the process alive.
 * Failures are reported by name once until a step succeeds again (a message may quote a key).
 */
export function startDemoTraffic(
  doc: DynamoDBDocument,
  config: DynamoConfig,
  env: Record<string, string | undefined>,
  options: DemoTrafficOptions & { intervalMs?: [number, number]; log?: (message: string) => void } = {},
): DemoTraffic | undefined {
  if (demoTrafficRefusal(env, config)) return undefined;
  const traffic = createDemoTraffic(doc, config, options);
  const [min, max] = options.intervalMs ?? [4000, 8000];
  const log = options.log ?? console.log;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let failing = false;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        running = traffic
          .tick()
          .then(
            () => {
              failing = false;
            },
            (error: unknown) => {
              if (!failing) log(`Demo traffic: a step failed (${(error as { name?: string } | null)?.name ?? "Error"}); it keeps trying.`);
              failing = true;
            },
          )
          .finally(() => {
            running = undefined;
            schedule();
          });
      },
      min + Math.random() * (max - min),
    );
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
