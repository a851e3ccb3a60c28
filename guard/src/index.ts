export {
  ATTRIBUTES,
  blockIsActive,
  type GatehouseBlock,
  type GuardHeartbeat,
  HEARTBEAT_PARTITION,
  HEARTBEAT_TYPE,
  OWNED_ATTRIBUTES,
  standingOf,
  type UserStanding,
} from "./contract.js";
export type { GuardClaim } from "./guard.js";
export { HEARTBEAT_INTERVAL_MS } from "./heartbeat.js";
export type { GatehouseOptions, GuardClient, GuardLogger } from "./options.js";
export { GUARD_VERSION } from "./version.js";
export { type GuardableConfig, withGatehouse } from "./with-gatehouse.js";
