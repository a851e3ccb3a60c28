"use client";

import { deferred } from "@/components/ui/deferred";
import { DetailsDialog } from "@/components/ui/details-dialog";
import type { AuditEntry } from "@/lib/audit/entry";

const Body = deferred(() => import("./entry-details-dialog"));

/** The Details button of an audit entry: the row sends the entry's data, and the dialog (entry-details-dialog.tsx) is drawn from it on demand. */
export function EntryDetails({ entry }: { entry: AuditEntry }) {
  return (
    <DetailsDialog
      label="Details"
      icon={<span className="icon icon-panel-right-open" aria-hidden />}
      hint={`Request ${entry.requestId} · ${entry.ip} · ${entry.userAgent}`}
      dialog={Body}
      props={{ entry }}
    />
  );
}
