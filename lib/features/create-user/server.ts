import "server-only";
import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { audited, type Outcome, RefusedError } from "@/lib/audit/act";
import type { Operator } from "@/lib/auth/operator";
import { indexLookup } from "@/lib/dynamo/index-lookup";
import { prefixes } from "@/lib/dynamo/keys";
import { type ProductTable, productTable } from "@/lib/dynamo/product-table";
import { normalizeEmail } from "@/lib/features/users/email-address";
import { EmailTakenError } from "@/lib/features/users/email-taken";

// One class for Create and Edit user (lib/features/users/email-taken.ts); re-exported for this feature's action.
export { EmailTakenError };

export interface CreateUserRequest {
  email: string;
  name?: string | null;
}

/**
 * The item exactly as `@auth/dynamodb-adapter`'s createUser writes it for an email sign-up
 * (`{ ...data, id }` plus the keys and `type: "USER"`; `emailVerified` null until the first
 * magic link verifies it; no `name` attribute when none is given), through the configured key names.
 */
export function adapterUserItem(table: ProductTable, user: { id: string; email: string; name?: string | null }) {
  return {
    email: user.email,
    emailVerified: null,
    ...(user.name ? { name: user.name } : {}),
    id: user.id,
    ...table.keys.user(user.id),
    type: "USER",
    ...table.keys.userIndex(user.email),
  };
}

/**
 * New user: the address as Auth.js normalizes it, unique through GSI1 (as typed too: OAuth
 * providers may have stored mixed case), then one PutItem conditional on the key not existing.
 * GSI1 is eventually consistent, so two operators creating one address in the same second can
 * both pass the check; the doctor's "users sharing one email" finds that.
 */
export async function createUser(operator: Operator | null, request: CreateUserRequest) {
  const normalized = normalizeEmail(request.email);
  const email = normalized.ok ? normalized.email : request.email.trim().slice(0, 254);
  const name = request.name?.trim() || null;
  return audited(operator, "create-user", { email }, null, async (): Promise<Outcome> => {
    if (!normalized.ok) throw new RefusedError(normalized.error);
    const table = productTable();
    for (const candidate of new Set([email, request.email.trim()])) {
      const holder = await indexLookup(table, table.keys.userIndex(candidate), ["id", table.keys.names.pk]);
      if (holder)
        throw new EmailTakenError(
          candidate,
          typeof holder.id === "string" ? holder.id : String(holder[table.keys.names.pk]).slice(prefixes.user.length),
          "create",
        );
    }
    const id = randomUUID();
    try {
      await table.doc.put({
        TableName: table.schema.tableName,
        Item: adapterUserItem(table, { id, email, name }),
        ConditionExpression: "attribute_not_exists(#pk)",
        ExpressionAttributeNames: { "#pk": table.keys.names.pk },
      });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new RefusedError(`A user with id ${id} already exists: nothing was created. Try again.`);
      throw error;
    }
    return {
      result: "ok",
      message: `Created ${email}${name ? ` (${name})` : ""}. They can sign in with a magic link to that address.`,
      counts: { created: 1 },
      target: { userId: id, email },
    };
  });
}
