"use client";

import { deferred } from "@/components/ui/deferred";
import { DetailsDialog } from "@/components/ui/details-dialog";
import type { DeviceDetailsDialogProps } from "./device-details-dialog";

const Body = deferred(() => import("./device-details-dialog"));

/** The Details button of a sign-in's device: the row shows "Chrome 131 on macOS"; the dialog (loaded on demand) the raw user agent. */
export function DeviceDetails(props: DeviceDetailsDialogProps) {
  return <DetailsDialog label="Device details" dialog={Body} props={props} />;
}
