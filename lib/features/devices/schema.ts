import type { ActivityEvent } from "@/lib/features/activity/schema";

/**
 * A sign-in's device and network as the tables and dialogs show them: display strings only, drawn
 * on the server (device.ts), so no user-agent parser reaches the browser. Client-safe.
 */
export interface DeviceView {
  /** "Chrome 131 on macOS", or "Unknown browser". */
  device: string;
  /** The raw user agent, for the details; the guard keeps at most 512 characters. */
  userAgent?: string;
  /** "203.0.113.0/24", or the full address where the product keeps it. */
  network?: string;
  /** "DE". */
  country?: string;
}

/** An event as the feed draws it: its device as display strings instead of the raw fields. */
export type ActivityEventView = Omit<ActivityEvent, "ip" | "userAgent" | "country"> & { device?: DeviceView };

/** "Germany" for "DE", in English as the console is (the same on the server and in the browser); the code where there is no name for it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
