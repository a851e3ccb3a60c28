import { z } from "zod";
import { type Engine, parse } from "@/lib/config";

/**
 * How activity is read from the product table's stream: by the console itself (`poll`, the
 * default on the embedded engine), by the Lambda consumer (`lambda`: the console then reads none),
 * or not at all (`off`, the default elsewhere until it is turned on). Retention and the number of
 * partitions a day's events are spread over are the same for both consumers.
 */
const activityEnv = z.object({
  GATEHOUSE_ACTIVITY: z.enum(["poll", "lambda", "off"]).optional(),
  GATEHOUSE_ACTIVITY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  GATEHOUSE_ACTIVITY_SHARDS: z.coerce.number().int().min(1).max(64).default(8),
});

export interface ActivityConfig {
  mode: "poll" | "lambda" | "off";
  retentionDays: number;
  shards: number;
}

export function parseActivityConfig(env: Record<string, string | undefined>, engine: Engine): ActivityConfig {
  const e = parse(activityEnv, env);
  return {
    mode: e.GATEHOUSE_ACTIVITY ?? (engine === "embedded" ? "poll" : "off"),
    retentionDays: e.GATEHOUSE_ACTIVITY_DAYS,
    shards: e.GATEHOUSE_ACTIVITY_SHARDS,
  };
}
