import "server-only";
import { serverConfig } from "@/lib/config";
import { dynamo } from "@/lib/dynamo/server";
import { type ActivityConfig, parseActivityConfig } from "./config";
import type { ActivityStore } from "./store";

let settings: ActivityConfig | undefined;

/** The console's activity settings (GATEHOUSE_ACTIVITY, _DAYS, _SHARDS), parsed once; checked at start with the rest. */
export function activitySettings(): ActivityConfig {
  settings ??= parseActivityConfig(process.env, serverConfig().dynamo.engine);
  return settings;
}

/** Where the console reads and (as the poller) writes activity: Gatehouse's table, under its key names. */
export function activityStore(): ActivityStore {
  const { retentionDays, shards } = activitySettings();
  return { doc: dynamo().doc, schema: serverConfig().dynamo.gatehouse, retentionDays, shards };
}
