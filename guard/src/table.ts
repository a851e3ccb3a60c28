import { ATTRIBUTES, type GuardHeartbeat, HEARTBEAT_PARTITION } from "./contract.js";
import type { ResolvedOptions } from "./options.js";

type Item = Record<string, unknown>;

/** A user's item as the guard reads it: only what it decides on. */
export interface UserRecord {
  id: string;
  item: Item;
}

const STANDING_ATTRIBUTES = ["id", ATTRIBUTES.block, ATTRIBUTES.revokedAt];

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";
}

/** The guard's DynamoDB calls, every key and index through the configured names. */
export function guardTable(options: ResolvedOptions) {
  const { client, tableName: TableName, partitionKey, sortKey, indexName: IndexName, indexPartitionKey, indexSortKey } = options;
  const call = () => (options.timeoutMs > 0 ? { abortSignal: AbortSignal.timeout(options.timeoutMs) } : {});
  const userKey = (id: string) => ({ [partitionKey]: `USER#${id}`, [sortKey]: `USER#${id}` });
  const projection = () => ({
    ProjectionExpression: STANDING_ATTRIBUTES.map((_, i) => `#a${i}`).join(", "),
    ExpressionAttributeNames: Object.fromEntries(STANDING_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
  });

  async function indexQuery(partition: string, sort: string, attributes: string[]): Promise<Item | undefined> {
    const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
    const result = await client.query(
      {
        TableName,
        IndexName,
        KeyConditionExpression: "#ipk = :ipk AND #isk = :isk",
        ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(", "),
        ExpressionAttributeNames: { ...names, "#ipk": indexPartitionKey, "#isk": indexSortKey },
        ExpressionAttributeValues: { ":ipk": partition, ":isk": sort },
        Limit: 1,
      },
      call(),
    );
    return result.Items?.[0];
  }

  return {
    /** One GetItem: eventually consistent 0.5 RCU for a user item under 4 KB, strongly consistent 1 RCU. */
    async userById(id: string, consistent = false): Promise<UserRecord | undefined> {
      const result = await client.get({ TableName, Key: userKey(id), ...projection(), ...(consistent && { ConsistentRead: true }) }, call());
      return result.Item ? { id, item: result.Item } : undefined;
    },

    /** The adapter's `getUserByEmail` lookup; its index projects ALL, so the user item comes back whole. */
    async userByEmail(email: string): Promise<UserRecord | undefined> {
      const item = await indexQuery(`USER#${email}`, `USER#${email}`, STANDING_ATTRIBUTES);
      return item && typeof item.id === "string" ? { id: item.id, item } : undefined;
    },

    /** The adapter's `getUserByAccount` lookup, first half: which user owns this provider account. */
    async userIdByAccount(provider: string, providerAccountId: string): Promise<string | undefined> {
      const item = await indexQuery(`ACCOUNT#${provider}`, `ACCOUNT#${providerAccountId}`, ["userId"]);
      return typeof item?.userId === "string" ? item.userId : undefined;
    },

    /** Updates an existing user item only: the condition keeps the guard from creating one. */
    async recordSignIn(userId: string, provider: string | undefined, now: Date): Promise<void> {
      try {
        await client.update(
          {
            TableName,
            Key: userKey(userId),
            UpdateExpression: `SET #at = :at${provider ? ", #provider = :provider" : ""} ADD #count :one`,
            ConditionExpression: "attribute_exists(#pk)",
            ExpressionAttributeNames: {
              "#pk": partitionKey,
              "#at": ATTRIBUTES.lastSignInAt,
              "#count": ATTRIBUTES.signInCount,
              ...(provider ? { "#provider": ATTRIBUTES.lastSignInProvider } : {}),
            },
            ExpressionAttributeValues: { ":at": now.toISOString(), ":one": 1, ...(provider ? { ":provider": provider } : {}) },
          },
          call(),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async recordCreated(userId: string, now: Date): Promise<void> {
      try {
        await client.update(
          {
            TableName,
            Key: userKey(userId),
            UpdateExpression: "SET #created = if_not_exists(#created, :now)",
            ConditionExpression: "attribute_exists(#pk)",
            ExpressionAttributeNames: { "#pk": partitionKey, "#created": ATTRIBUTES.createdAt },
            ExpressionAttributeValues: { ":now": now.toISOString() },
          },
          call(),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async putHeartbeat(heartbeat: GuardHeartbeat): Promise<void> {
      await client.put({ TableName, Item: { [partitionKey]: HEARTBEAT_PARTITION, [sortKey]: heartbeat.appName, ...heartbeat } }, call());
    },
  };
}

export type GuardTable = ReturnType<typeof guardTable>;
