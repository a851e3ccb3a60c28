export { withGatehouse, type GuardableConfig } from "./with-gatehouse.js";
export type { GatehouseOptions, GuardClient, GuardLogger } from "./options.js";
export type { GuardClaim } from "./guard.js";
export { ATTRIBUTES, OWNED_ATTRIBUTES, HEARTBEAT_PARTITION, HEARTBEAT_TYPE, blockIsActive, standingOf, type GatehouseBlock, type GuardHeartbeat, type UserStanding } from "./contract.js";
export { HEARTBEAT_INTERVAL_MS } from "./heartbeat.js";
export { GUARD_VERSION } from "./version.js";
