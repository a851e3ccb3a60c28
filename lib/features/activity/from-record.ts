import { unmarshall } from "@aws-sdk/util-dynamodb";
import { ATTRIBUTES, type GatehouseBlock } from "@/guard/src/contract";
import type { TableSchema } from "@/lib/config";
import { epochMs } from "@/lib/dynamo/item-values";
import { keysFor } from "@/lib/dynamo/keys";
import { fingerprint } from "@/lib/secrets";
import type { ActivityEvent, ActivityType } from "./schema";

type Item = Record<string, unknown>;

/**
 * A DynamoDB stream record as both consumers see it: the SDK's `GetRecords` (times as Dates) and
 * a Lambda event (times as epoch seconds). Attribute values in DynamoDB's JSON.
 */
export interface StreamRecordInput {
  eventName?: string;
  /** A Lambda event's: the stream the record came from. */
  eventSourceARN?: string;
  userIdentity?: { type?: string; principalId?: string };
  dynamodb?: {
    ApproximateCreationDateTime?: Date | number;
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
  };
}

type Draft = Omit<ActivityEvent, "id">;

/** The attributes the mapping reads: an image's others (an account's OAuth tokens among them) are never even converted. */
const READ = ["email", "emailVerified", "expires", ATTRIBUTES.signInCount, ATTRIBUTES.lastSignInProvider, ATTRIBUTES.block];

/** `names` of an image in DynamoDB's JSON, as plain values; an attribute that cannot be read is left out. */
function image(attributes: Record<string, unknown> | undefined, names: readonly string[]): Item | undefined {
  if (!attributes) return undefined;
  const item: Item = {};
  for (const name of names) {
    if (!(name in attributes)) continue;
    try {
      Object.assign(item, unmarshall({ [name]: attributes[name] } as Parameters<typeof unmarshall>[0], { wrapNumbers: false }));
    } catch {
      // Not a value this mapping reads as such (an SDK newer than its data, or the reverse): left out.
    }
  }
  return item;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Epoch seconds from a Lambda event, a Date from the SDK. */
export function isoOf(value: Date | number | undefined): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return new Date(value * 1000).toISOString();
  return new Date(0).toISOString();
}

/** A TTL deletion: DynamoDB's own service identity on a REMOVE. */
const byTtl = (record: StreamRecordInput) => record.userIdentity?.type === "Service" && record.userIdentity.principalId === "dynamodb.amazonaws.com";

/** Removed at or after its expiry: TTL, or a purge of what TTL had not reached yet. */
function expired(record: StreamRecordInput, old: Item | undefined, at: string): boolean {
  if (byTtl(record)) return true;
  const expires = epochMs(old?.expires);
  return expires !== null && expires <= Date.parse(at);
}

/**
 * Sessions and magic links live until removed: made (INSERT), then ended or used, or expired
 * (by TTL, whose identity the record carries, or by a purge after their time).
 */
function expiring(
  record: StreamRecordInput,
  before: Item | undefined,
  at: string,
  [made, ended, lapsed]: [ActivityType, ActivityType, ActivityType],
): Pick<Draft, "type" | "by"> | undefined {
  if (record.eventName === "INSERT") return { type: made, by: "product" };
  if (record.eventName !== "REMOVE") return undefined;
  if (!expired(record, before, at)) return { type: ended, by: "product" };
  return { type: lapsed, by: byTtl(record) ? "expiry" : "product" };
}

const blockOf = (item: Item | undefined): GatehouseBlock | undefined => {
  const block = item?.[ATTRIBUTES.block];
  return block && typeof block === "object" ? (block as GatehouseBlock) : undefined;
};

/** What a change to a user item says: verified, changed email, a sign-in the guard recorded, a block. */
function userChanges(userId: string, before: Item, after: Item, at: string): Draft[] {
  const drafts: Draft[] = [];
  const email = text(after.email);
  const base = { at, by: "product" as const, userId, ...(email ? { email } : {}) };
  if (!before.emailVerified && after.emailVerified) drafts.push({ ...base, type: "email-verified" });
  const previous = text(before.email);
  if (previous && email && previous !== email) drafts.push({ ...base, type: "email-changed", previousEmail: previous });
  const count = (item: Item) => (typeof item[ATTRIBUTES.signInCount] === "number" ? (item[ATTRIBUTES.signInCount] as number) : 0);
  if (count(after) > count(before)) {
    const provider = text(after[ATTRIBUTES.lastSignInProvider]);
    drafts.push({ ...base, type: "sign-in", ...(provider ? { provider } : {}) });
  }
  const [was, is] = [blockOf(before), blockOf(after)];
  if (is && (!was || was.since !== is.since || was.until !== is.until)) {
    drafts.push({ ...base, type: "user-blocked", by: "gatehouse", ...(is.until ? { until: is.until } : {}) });
  } else if (was && !is) {
    drafts.push({ ...base, type: "user-unblocked", by: "gatehouse" });
  }
  return drafts;
}

/**
 * The activity events one stream record of the product's table holds, read through the
 * configured key names. Pure: both consumers (the in-process poller and the Lambda) call it.
 *
 * Secrets never leave here: session and verification tokens (in the sort keys) become
 * fingerprints, and an account's image (OAuth tokens) gives only its provider and account id.
 * Items the adapter does not write are not product activity and give no event: Gatehouse's own
 * (the guard's heartbeat and, where Gatehouse shares the product's table, its audit, limit,
 * lease and activity items) and anything else. `by` is "product" unless the record itself says
 * otherwise (TTL's identity, the console's block); the consumer matches the rest of Gatehouse's
 * actions to their audit entries.
 */
export function eventsFromRecord(record: StreamRecordInput, schema: TableSchema): ActivityEvent[] {
  const data = record.dynamodb;
  const keys = image(data?.Keys, [schema.partitionKey, schema.sortKey]);
  if (!data?.SequenceNumber || !keys) return [];
  const parsed = keysFor(schema).parse(keys);
  if (parsed.kind === "unknown" || parsed.kind === "guardHeartbeat") return [];
  const [before, after] = [image(data.OldImage, READ), image(data.NewImage, READ)];
  const at = isoOf(data.ApproximateCreationDateTime);
  const kind = record.eventName;
  const drafts: Draft[] = [];

  switch (parsed.kind) {
    case "user": {
      const email = text(after?.email) ?? text(before?.email);
      const base = { at, by: "product" as const, userId: parsed.id, ...(email ? { email } : {}) };
      if (kind === "INSERT") drafts.push({ ...base, type: "sign-up" });
      else if (kind === "REMOVE") drafts.push({ ...base, type: "user-deleted" });
      else if (kind === "MODIFY" && before && after) drafts.push(...userChanges(parsed.id, before, after, at));
      break;
    }
    case "account": {
      const base = { at, by: "product" as const, userId: parsed.userId, provider: parsed.provider, providerAccountId: parsed.providerAccountId };
      if (kind === "INSERT") drafts.push({ ...base, type: "account-linked" });
      else if (kind === "REMOVE") drafts.push({ ...base, type: "account-unlinked" });
      break;
    }
    case "session": {
      const step = expiring(record, before, at, ["session-created", "session-ended", "session-expired"]);
      if (step) drafts.push({ at, userId: parsed.userId, fingerprint: fingerprint(parsed.sessionToken), ...step });
      break;
    }
    case "verificationToken": {
      const step = expiring(record, before, at, ["link-requested", "link-used", "link-expired"]);
      if (step) drafts.push({ at, identifier: parsed.identifier, fingerprint: fingerprint(parsed.token), ...step });
      break;
    }
    default:
      return [];
  }
  return drafts.map((draft, index) => ({ id: `${data.SequenceNumber}#${index}`, ...draft }));
}
