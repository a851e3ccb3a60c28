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
    users: await import("@/lib/dal/users"),
    sessions: await import("@/lib/dal/sessions"),
    accounts: await import("@/lib/dal/accounts"),
    detail: await import("@/lib/dal/user-detail"),
    revoke: await import("@/lib/dal/revoke"),
    deleteUser: await import("@/lib/dal/delete-user"),
    purge: await import("@/lib/dal/purge"),
  };
  return { dal, counter };
}

export type BenchDal = Awaited<ReturnType<typeof benchDal>>;
