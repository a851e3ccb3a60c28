import "server-only";
import type { ActivityEvent } from "@/lib/features/activity/schema";
import { formatUserAgent } from "./format";
import type { ActivityEventView, DeviceView } from "./schema";

/** The view of what the guard stamped; undefined when it stamped nothing (no requestInfo in the product). */
export function deviceView(stamp: { ip?: unknown; userAgent?: unknown; country?: unknown }): DeviceView | undefined {
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
  const [userAgent, network, country] = [text(stamp.userAgent), text(stamp.ip), text(stamp.country)];
  if (!userAgent && !network && !country) return undefined;
  return { device: formatUserAgent(userAgent), ...(userAgent && { userAgent }), ...(network && { network }), ...(country && { country }) };
}

/** An event as the feed draws it: its device as display strings instead of the raw fields. */
export function withDevice({ ip, userAgent, country, ...event }: ActivityEvent): ActivityEventView {
  const device = deviceView({ ip, userAgent, country });
  return device ? { ...event, device } : event;
}
