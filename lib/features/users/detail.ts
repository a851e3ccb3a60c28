import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Operator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { Meter, type MeterEntry } from "@/lib/dynamo/meter";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import { queryItems } from "@/lib/dynamo/query-pages";
import type { Item } from "@/lib/dynamo/scan-page";
import { toAccountRow } from "@/lib/features/accounts/row";
import type { AccountRow } from "@/lib/features/accounts/schema";
import { toSessionRow } from "@/lib/features/sessions/row";
import type { SessionRow } from "@/lib/features/sessions/schema";
import { toTokenRow } from "@/lib/features/tokens/row";
import type { TokenRow } from "@/lib/features/tokens/schema";
import { toUserRow } from "@/lib/features/users/row";
import type { UserRow } from "@/lib/features/users/schema";
import { type RawEntity, redactItem } from "@/lib/secrets";

export interface RawItem {
  label: string;
  item: Record<string, unknown>;
}

export interface UserDetail {
  user: UserRow;
  accounts: AccountRow[];
  sessions: SessionRow[];
  tokens: TokenRow[];
  /** Every item read, for the "raw item" view: only attributes known to be safe in clear. */
  raw: RawItem[];
  /** Items in the user's partition that are none of the adapter's entities. */
  otherItems: number;
  meter: MeterEntry[];
  now: number;
}

async function queryAll(table: ProductTable, meter: Meter, partition: string): Promise<Item[]> {
  return queryItems(
    table.doc,
    {
      TableName: table.schema.tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": table.keys.names.pk },
      ExpressionAttributeValues: { ":pk": partition },
    },
    meter,
  );
}

/** A user with everything that hangs off them: one Query on their partition, one on their email's tokens. */
export async function getUserDetail(operator: Operator | null, userId: string): Promise<UserDetail | null> {
  authorize(operator, "read");
  const table = productTable();
  const meter = new Meter();
  const now = Date.now();
  const items = await queryAll(table, meter, table.keys.userPartition(userId));
  const show = serverConfig().showAttributes;
  const redact = (item: Item, entity: RawEntity) => redactItem(item, { keys: table.keys.names, entity, show });

  let user: UserRow | null = null;
  const accounts: AccountRow[] = [];
  const sessions: SessionRow[] = [];
  const raw: RawItem[] = [];
  let otherItems = 0;
  for (const item of items) {
    const parsed = table.keys.parse(item);
    if (parsed.kind === "user") {
      user = toUserRow(item, parsed.id, now);
      raw.unshift({ label: "User", item: redact(item, "user") });
    } else if (parsed.kind === "account") {
      accounts.push(toAccountRow(item, parsed));
      raw.push({ label: `Account ${parsed.provider}:${parsed.providerAccountId}`, item: redact(item, "account") });
    } else if (parsed.kind === "session") {
      const row = toSessionRow(item, parsed, now, table.config.productSessionSeconds);
      sessions.push(row);
      raw.push({ label: `Session ${row.fingerprint}`, item: redact(item, "session") });
    } else {
      otherItems++;
      raw.push({ label: "Other item", item: redact(item, "unknown") });
    }
  }
  if (!user) return null;

  const tokens: TokenRow[] = [];
  if (user.email) {
    for (const item of await queryAll(table, meter, table.keys.verificationTokenPartition(user.email))) {
      const parsed = table.keys.parse(item);
      if (parsed.kind !== "verificationToken") continue;
      const row = toTokenRow(item, parsed, now);
      tokens.push(row);
      raw.push({ label: `Verification token ${row.fingerprint}`, item: redact(item, "verificationToken") });
    }
  }
  sessions.sort((a, b) => (b.expires ?? Infinity) - (a.expires ?? Infinity));
  tokens.sort((a, b) => (b.expires ?? Infinity) - (a.expires ?? Infinity));
  return { user, accounts, sessions, tokens, raw, otherItems, meter: meter.report(), now };
}
