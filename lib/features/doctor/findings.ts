import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";
import { batchGet } from "@/lib/dynamo/batch-get";
import { type Key, keysFor, prefixes, type TableKeys } from "@/lib/dynamo/keys";
import type { Meter } from "@/lib/dynamo/meter";
import { type SegmentPosition, scanSegmentsStep, startSegments } from "@/lib/dynamo/parallel-scan";
import type { Item } from "@/lib/dynamo/scan-page";
import { plural } from "@/lib/format/plural";
import { fingerprint } from "@/lib/secrets";

/**
 * The table doctor's data checks, shared by the console (lib/features/doctor/server.ts) and
 * `npm run doctor`: no `server-only` here. Items come from one projected parallel Scan; nothing
 * secret is read beyond the keys, and session/token keys only leave as fingerprints.
 */

export const DEFAULT_DOCTOR_BUDGET = 200_000;

export const findingIds = [
  "orphaned-accounts",
  "orphaned-sessions",
  "duplicate-emails",
  "missing-gsi1-keys",
  "expired-items",
  "adapter-undeletable-users",
] as const;
export type FindingId = (typeof findingIds)[number];
export const repairableFindings = ["orphaned-accounts", "orphaned-sessions", "expired-items", "missing-gsi1-keys"] as const;
export type RepairableFinding = (typeof repairableFindings)[number];

export interface FindingExample {
  /** Safe to show: ids, emails, provider:accountId, fingerprints; never a token. */
  label: string;
  /** Users that exist and can be linked to. */
  userIds?: string[];
}

export interface DataFinding {
  id: FindingId;
  title: string;
  description: string;
  count: number;
  examples: FindingExample[];
  /** What the admin repair does; absent when the finding is report-only. */
  repair?: string;
  /** Why there is no repair, for report-only findings. */
  noRepair?: string;
  /** A risk rather than damage: shown as a warning, not counted as a problem by `npm run doctor`. */
  risk?: true;
}

/** What a repair acts on; kept server-side and re-found at repair time, never sent to the browser. */
export interface RepairTargets {
  "orphaned-accounts": Key[];
  "orphaned-sessions": Key[];
  "expired-items": Key[];
  "missing-gsi1-keys": { key: Key; email: string }[];
}

export interface DoctorAnalysis {
  findings: DataFinding[];
  targets: RepairTargets;
}

const MAX_EXAMPLES = 5;

/** The attributes the doctor reads: keys, index keys, type, email, userId, expires. Never tokens. */
export function doctorProjection(schema: TableSchema): string[] {
  return [schema.partitionKey, schema.sortKey, schema.indexPartitionKey, schema.indexSortKey, "type", "email", "userId", "expires"];
}

export interface DoctorScan {
  items: Item[];
  scanned: number;
  /** The whole table was read (false when the budget ran out first). */
  complete: boolean;
}

/** Items one step of the doctor's Scan reads, shared by its segments. */
const DOCTOR_STEP = 20_000;

/**
 * A projected parallel Scan of the whole table (up to `budget` items read): segments read side
 * by side, step after step, so a large table takes about a quarter of the time.
 */
export async function scanForDoctor(
  doc: DynamoDBDocument,
  meter: Meter,
  schema: TableSchema,
  budget = DEFAULT_DOCTOR_BUDGET,
  beforeStep?: () => Promise<void>,
): Promise<DoctorScan> {
  const items: Item[] = [];
  let scanned = 0;
  let positions: SegmentPosition[] = startSegments(budget, DOCTOR_STEP);
  let done = false;
  while (!done && scanned < budget) {
    await beforeStep?.();
    const step = await scanSegmentsStep({
      doc,
      meter,
      tableName: schema.tableName,
      keyNames: [schema.partitionKey, schema.sortKey],
      projection: doctorProjection(schema),
      positions,
      budget: Math.min(DOCTOR_STEP, budget - scanned),
    });
    items.push(...step.items);
    scanned += step.scanned;
    positions = step.positions;
    done = step.done;
  }
  return { items, scanned, complete: done };
}

/** User ids that account/session items point at but whose user item this scan did not see. */
export function orphanCandidates(items: Item[], keys: TableKeys): string[] {
  const users = new Set<string>();
  const referenced = new Set<string>();
  for (const item of items) {
    const parsed = keys.parse(item);
    if (parsed.kind === "user") users.add(parsed.id);
    else if (parsed.kind === "account" || parsed.kind === "session") referenced.add(parsed.userId);
  }
  return [...referenced].filter((id) => !users.has(id));
}

/**
 * Of `userIds`, those whose user item exists (BatchGetItem in groups of 100): when the Scan was
 * cut short, a candidate orphan's user item may simply lie in the part not read.
 */
export async function existingUsers(doc: DynamoDBDocument, meter: Meter, schema: TableSchema, userIds: string[]): Promise<Set<string>> {
  const keys = keysFor(schema);
  const found = new Set<string>();
  for (let i = 0; i < userIds.length; i += 100) {
    const group = userIds.slice(i, i + 100).map((id) => keys.user(id));
    for (const item of await batchGet(doc, meter, schema.tableName, group, [schema.partitionKey, schema.sortKey])) {
      const parsed = keys.parse(item);
      if (parsed.kind === "user") found.add(parsed.id);
    }
  }
  return found;
}

function expiresMs(value: unknown): number | undefined {
  const seconds = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** The adapter's deleteUser sends one BatchWriteItem, which takes at most this many items. */
const ADAPTER_DELETE_LIMIT = 25;

/**
 * Pure: the data findings for the scanned items. `alsoExisting` holds users confirmed by
 * BatchGetItem that the (incomplete) scan did not see.
 */
export function analyzeItems(items: Item[], schema: TableSchema, options: { now: number; alsoExisting?: Set<string> }): DoctorAnalysis {
  const keys = keysFor(schema);
  const { gpk, gsk } = keys.names;
  const users = new Map<string, Item>();
  for (const item of items) {
    const parsed = keys.parse(item);
    if (parsed.kind === "user") users.set(parsed.id, item);
  }
  const userExists = (id: string) => users.has(id) || options.alsoExisting?.has(id) === true;

  const orphanedAccounts: { key: Key; example: FindingExample }[] = [];
  const orphanedSessions: { key: Key; example: FindingExample }[] = [];
  const expired: { key: Key; example: FindingExample }[] = [];
  const missingIndex: { key: Key; email: string | null; example: FindingExample }[] = [];
  const byEmail = new Map<string, string[]>();
  const partitionSizes = new Map<string, number>();
  const countInPartition = (userId: string) => partitionSizes.set(userId, (partitionSizes.get(userId) ?? 0) + 1);

  for (const item of items) {
    const parsed = keys.parse(item);
    const key = keys.keyOf(item);
    if (parsed.kind === "user" || parsed.kind === "account" || parsed.kind === "session") countInPartition(parsed.kind === "user" ? parsed.id : parsed.userId);
    if (parsed.kind === "user") {
      const email = typeof item.email === "string" && item.email !== "" ? item.email : null;
      if (email) {
        const group = byEmail.get(email.toLowerCase()) ?? [];
        group.push(parsed.id);
        byEmail.set(email.toLowerCase(), group);
      }
      const expected = email ? `${prefixes.user}${email}` : undefined;
      if (item[gpk] === undefined || item[gsk] === undefined || item[gpk] !== expected || item[gsk] !== expected) {
        const state = item[gpk] === undefined || item[gsk] === undefined ? "no index keys" : "index keys not matching the email";
        missingIndex.push({ key, email, example: { label: `${email ?? "(no email)"} · user ${parsed.id} · ${state}`, userIds: [parsed.id] } });
      }
    } else if (parsed.kind === "account") {
      if (!userExists(parsed.userId)) {
        orphanedAccounts.push({ key, example: { label: `${parsed.provider}:${parsed.providerAccountId} · user ${parsed.userId} (gone)` } });
      }
    } else if (parsed.kind === "session") {
      const live = userExists(parsed.userId);
      const fp = fingerprint(parsed.sessionToken);
      if (!live) orphanedSessions.push({ key, example: { label: `session …${fp} · user ${parsed.userId} (gone)` } });
      const at = expiresMs(item.expires);
      if (at !== undefined && at < options.now) {
        expired.push({
          key,
          example: {
            label: `session …${fp} · user ${parsed.userId}${live ? "" : " (gone)"} · expired ${new Date(at).toISOString()}`,
            userIds: live ? [parsed.userId] : undefined,
          },
        });
      }
    } else if (parsed.kind === "verificationToken") {
      const at = expiresMs(item.expires);
      if (at !== undefined && at < options.now) {
        expired.push({
          key,
          example: { label: `sign-in token …${fingerprint(parsed.token)} · for ${parsed.identifier} · expired ${new Date(at).toISOString()}` },
        });
      }
    }
  }

  const duplicates = [...byEmail.entries()].filter(([, ids]) => ids.length > 1);
  const undeletable = [...partitionSizes.entries()].filter(([id, size]) => size > ADAPTER_DELETE_LIMIT && users.has(id));
  const examples = <T extends { example: FindingExample }>(list: T[]) => list.slice(0, MAX_EXAMPLES).map((x) => x.example);
  const repairableIndex = missingIndex.filter((x): x is { key: Key; email: string; example: FindingExample } => x.email !== null);

  const findings: DataFinding[] = [
    {
      id: "orphaned-accounts",
      title: "Orphaned accounts",
      description: "Linked-account items whose user item is gone. Auth.js can still find them by provider account and then fails to load the user.",
      count: orphanedAccounts.length,
      examples: examples(orphanedAccounts),
      repair: `Delete the ${plural(orphanedAccounts.length, "orphaned account item")} (found again when the repair runs).`,
    },
    {
      id: "orphaned-sessions",
      title: "Orphaned sessions",
      description: "Session items of users that no longer exist: the adapter resolves the cookie to a session, then finds no user.",
      count: orphanedSessions.length,
      examples: examples(orphanedSessions),
      repair: `Delete the ${plural(orphanedSessions.length, "orphaned session item")} (found again when the repair runs).`,
    },
    {
      id: "duplicate-emails",
      title: "Users sharing one email",
      description: "Several user items with the same email (compared case-insensitively): sign-in by email picks one of them.",
      count: duplicates.length,
      examples: duplicates.slice(0, MAX_EXAMPLES).map(([email, ids]) => ({ label: `${email}: ${plural(ids.length, "user")}`, userIds: ids })),
      noRepair:
        "Which user to keep is a human decision: Merge into… on /doctor or a user page (admins) moves the other user's accounts and sessions onto the one you keep, then deletes the other user item.",
    },
    {
      id: "missing-gsi1-keys",
      title: "User items without their index keys",
      description: `User items whose ${gpk}/${gsk} are missing or differ from USER#<email>: getUserByEmail cannot find them, so email sign-in creates a second user.`,
      count: missingIndex.length,
      examples: examples(missingIndex),
      repair: `Set ${gpk} and ${gsk} to USER#<email> on ${plural(repairableIndex.length, "user item")}, only if the item still exists with the same email.${
        repairableIndex.length < missingIndex.length
          ? ` ${plural(missingIndex.length - repairableIndex.length, "item")} without an email cannot be repaired.`
          : ""
      }`,
    },
    {
      id: "expired-items",
      title: "Expired items awaiting TTL",
      description: "Sessions and sign-in tokens whose expiry has passed but which DynamoDB's TTL has not deleted yet (it can take days; or TTL is off).",
      count: expired.length,
      examples: examples(expired),
      repair: `Delete the ${plural(expired.length, "expired item")} now instead of waiting for TTL.`,
    },
    {
      id: "adapter-undeletable-users",
      title: "Users the adapter cannot delete",
      description: `Users with more than ${ADAPTER_DELETE_LIMIT} items (user, accounts, sessions). The adapter's own deleteUser sends one BatchWriteItem of the first ${ADAPTER_DELETE_LIMIT} in sort-key order (accounts, then sessions, the user item last) and drops the rest: it would leave the user item and their remaining sessions, still signing them in.`,
      count: undeletable.length,
      examples: undeletable.slice(0, MAX_EXAMPLES).map(([id, size]) => {
        const email = users.get(id)?.email;
        return { label: `${typeof email === "string" ? email : "(no email)"} · user ${id} · ${size} items`, userIds: [id] };
      }),
      risk: true,
      noRepair:
        "Nothing is broken yet. Delete these users with Gatehouse's Delete user (it deletes every item, 25 per request, retrying), not through adapter.deleteUser.",
    },
  ];

  return {
    findings,
    targets: {
      "orphaned-accounts": orphanedAccounts.map((x) => x.key),
      "orphaned-sessions": orphanedSessions.map((x) => x.key),
      "expired-items": expired.map((x) => x.key),
      "missing-gsi1-keys": repairableIndex.map(({ key, email }) => ({ key, email })),
    },
  };
}

/**
 * Scan, confirm candidate orphans when the scan was cut short, analyze. `beforeStep` runs
 * before each step of the Scan (the console's read budget and scan lease; the CLI has none).
 */
export async function diagnoseData(
  doc: DynamoDBDocument,
  meter: Meter,
  schema: TableSchema,
  options: { budget?: number; now?: number; beforeStep?: () => Promise<void> } = {},
): Promise<DoctorAnalysis & { scanned: number; complete: boolean }> {
  const scan = await scanForDoctor(doc, meter, schema, options.budget ?? DEFAULT_DOCTOR_BUDGET, options.beforeStep);
  const alsoExisting = scan.complete ? undefined : await existingUsers(doc, meter, schema, orphanCandidates(scan.items, keysFor(schema)));
  return { ...analyzeItems(scan.items, schema, { now: options.now ?? Date.now(), alsoExisting }), scanned: scan.scanned, complete: scan.complete };
}
