import "server-only";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { deviceView } from "@/lib/features/devices/device";
import type { SessionRow } from "@/lib/features/sessions/schema";

const col = createColumnHelper<typeof features, SessionRow>();

const NETWORK_NOTE = "The sign-in's network as the product's guard keeps it (its ipAddress option): by default the IPv4 /24 or IPv6 /48";
const SIGNED_IN_NOTE = "When the session began, as the product's guard recorded it; unknown for sessions from before the guard, or without requestInfo";

/**
 * Device, network, country and signed in: what the product's guard stamped on a database session
 * (its requestInfo option). Both sessions tables show them, in this order, as cells `d`, `w`, `g`
 * and `s` of their rows (keys clear of the user cells' `n` and `m`).
 */
export function sessionDeviceColumns() {
  return [
    col.accessor("userAgent", { id: "device", header: "Device" }),
    col.accessor("ip", { id: "network", header: () => <span title={NETWORK_NOTE}>Network</span>, meta: { label: "Network" } }),
    col.accessor("country", { header: "Country" }),
    col.accessor("signedIn", { header: () => <span title={SIGNED_IN_NOTE}>Signed in</span>, meta: { label: "Signed in" } }),
  ];
}

/** A row's device and network as display strings (bowser runs here, on the server), and its start (`s`, epoch ms). */
export function sessionDeviceCells(row: SessionRow): { d?: string; w?: string; g?: string; s?: number } {
  const view = deviceView({ ip: row.ip, userAgent: row.userAgent, country: row.country });
  return {
    ...(view && { d: view.device }),
    ...(view?.network && { w: view.network }),
    ...(view?.country && { g: view.country }),
    ...(typeof row.signedIn === "number" && { s: row.signedIn }),
  };
}
