/** The two consoles the e2e suite runs against: the adapter's default schema and a custom one. */
export const environments = {
  default: {
    product: { tableName: "next-auth", partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" },
    gatehouseTable: "gatehouse",
  },
  custom: {
    product: { tableName: "acme-auth", partitionKey: "PK", sortKey: "SK", indexName: "byLookup", indexPartitionKey: "lookupPK", indexSortKey: "lookupSK" },
    gatehouseTable: "acme-gatehouse",
  },
  /** Where the action specs change data, so the browse specs' counts stay true. */
  act: {
    product: { tableName: "act-auth", partitionKey: "pk", sortKey: "sk", indexName: "GSI1", indexPartitionKey: "GSI1PK", indexSortKey: "GSI1SK" },
    gatehouseTable: "act-gatehouse",
  },
} as const;

export type EnvironmentName = keyof typeof environments;

export const ADMIN_DOMAIN = "admins.test";
export const VIEWER_DOMAIN = "viewers.test";
export const SEED = { users: 60, seed: 7 } as const;

export function baseUrlVariable(name: EnvironmentName) {
  return `E2E_BASE_URL_${name.toUpperCase()}`;
}
