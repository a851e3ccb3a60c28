import { randomBytes } from "node:crypto";
import type { TableSchema } from "@/lib/config";
import { instrument } from "./bench-measure";

/**
 * The DAL, configured like the app and counted. Its modules read their config from the
 * environment when first imported, so they are imported here, after the environment is set.
 */
export async function benchDal(endpoint: string, product: TableSchema, gatehouse: TableSchema) {
  Object.assign(process.env, {
    AUTH_DYNAMODB_ENDPOINT: endpoint,
    AUTH_DYNAMODB_ID: "local",
    AUTH_DYNAMODB_SECRET: "local",
    AUTH_DYNAMODB_TABLE: product.tableName,
    GATEHOUSE_TABLE: gatehouse.tableName,
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    AUTH_URL: "http://localhost:3000", // the DAL's config needs one; the console server gets its own
    GATEHOUSE_ADMINS: "@ops.test",
    GATEHOUSE_VIEWERS: "",
  });
  const { dynamo: serverDynamo } = await import("@/lib/dynamo/server");
  const counter = instrument(serverDynamo().raw);
  const dal = {
    users: await import("@/lib/features/users/server"),
    sessions: await import("@/lib/features/sessions/server"),
    accounts: await import("@/lib/features/accounts/server"),
    detail: await import("@/lib/features/users/detail"),
    revoke: await import("@/lib/features/revoke/server"),
    deleteUser: await import("@/lib/features/delete-user/server"),
    purge: await import("@/lib/features/purge/server"),
  };
  return { dal, counter };
}

export type BenchDal = Awaited<ReturnType<typeof benchDal>>;
