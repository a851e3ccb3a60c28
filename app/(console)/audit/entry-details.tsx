"use client";

import { deferred } from "@/components/ui/deferred";
import { DetailsDialog } from "@/components/ui/details-dialog";
import type { EntryDetailsDialogProps } from "./entry-details-dialog";

const Body = deferred(() => import("./entry-details-dialog"));

/**
 * The Details button of an audit entry. The row sends only the entry's id and heading; the dialog
 * (entry-details-dialog.tsx) loads on demand and reads the whole entry when it opens.
 */
export function EntryDetails(props: EntryDetailsDialogProps) {
  return <DetailsDialog label="Details" dialog={Body} props={props} />;
}
