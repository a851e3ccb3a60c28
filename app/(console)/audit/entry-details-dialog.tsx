"use client";

import { Notice } from "@/components/notice";
import { CopyButton } from "@/components/ui/copy-button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import type { AuditEntry } from "@/lib/audit/entry";
import { ChangesTable } from "./changes-table";
import { useAuditEntry } from "./use-audit-entry";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3 border-b border-border py-1.5 last:border-b-0">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

const none = <span className="text-fg-muted">—</span>;

export interface EntryDetailsDialogProps {
  id: string;
  /** The row's "action · result", shown while the entry is read. */
  title: string;
  at: string;
}

/** Everything the entry holds, including who asked from where; the row shows only a summary. Loaded on demand by EntryDetails, it reads the entry as it opens. */
export default function EntryDetailsDialog({ id, title, at, open, onOpenChange, returnFocusTo }: EntryDetailsDialogProps & DeferredDialogProps) {
  const state = useAuditEntry(id);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={at} wide returnFocusTo={returnFocusTo}>
        {state.status === "loaded" ? (
          <EntryFields entry={state.entry} />
        ) : state.status === "failed" ? (
          <Notice tone="error" role="alert" title="The entry could not be read">
            <p>{state.error}</p>
          </Notice>
        ) : (
          <div role="status" aria-label="Reading the entry…" className="space-y-2 py-1">
            {[0, 1, 2, 3, 4, 5].map((line) => (
              <div key={line} className="skeleton-block h-5" />
            ))}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function EntryFields({ entry }: { entry: AuditEntry }) {
  const { target } = entry;
  return (
    <dl>
      <Row label="Operator">
        {entry.operatorEmail} <span className="text-fg-muted">({entry.operatorRole})</span>
      </Row>
      {entry.apiKey ? (
        <Row label="Through API key">
          {entry.apiKey.name} <span className="font-mono text-xs text-fg-muted">{entry.apiKey.id}</span>
        </Row>
      ) : null}
      {entry.message ? <Row label="Message">{entry.message}</Row> : null}
      {entry.changes ? (
        <Row label="Changes">
          <ChangesTable changes={entry.changes} />
        </Row>
      ) : null}
      <Row label="Reason">{entry.reason ?? none}</Row>
      {target.userId ? (
        <Row label="User id">
          <span className="font-mono text-xs">{target.userId}</span>
        </Row>
      ) : null}
      {target.email ? <Row label="Email">{target.email}</Row> : null}
      {target.previousEmail ? <Row label="Previous email">{target.previousEmail}</Row> : null}
      {target.mergedUserId ? (
        <Row label="Merged user">
          {target.mergedEmail ? `${target.mergedEmail} ` : null}
          <span className="font-mono text-xs">{target.mergedUserId}</span>
        </Row>
      ) : null}
      {target.jobId ? (
        <Row label="List job">
          <span className="font-mono text-xs">{target.jobId}</span>
          {target.listFingerprint ? <span className="text-fg-muted"> · list {target.listFingerprint}</span> : null}
        </Row>
      ) : null}
      {target.provider ? (
        <Row label="Account">
          <span className="font-mono text-xs">
            {target.provider}:{target.providerAccountId}
          </span>
        </Row>
      ) : null}
      {target.fingerprints?.length ? (
        <Row label="Fingerprints">
          <span className="font-mono text-xs">{target.fingerprints.map((fp) => `…${fp}`).join(" ")}</span>
        </Row>
      ) : null}
      {target.entryId ? (
        <Row label="Undoes entry">
          <span className="font-mono text-xs">{target.entryId}</span>
        </Row>
      ) : null}
      <Row label="Counts">
        {Object.keys(entry.counts).length ? (
          <span className="font-mono text-xs">
            {Object.entries(entry.counts)
              .map(([key, value]) => `${key}=${value}`)
              .join(" ")}
          </span>
        ) : (
          none
        )}
      </Row>
      {entry.undoUntil ? <Row label="Undo until">{entry.undoUntil}</Row> : null}
      <Row label="Request id">
        <span className="inline-flex items-center gap-1 font-mono text-xs">
          {entry.requestId}
          <CopyButton value={entry.requestId} label="request id" />
        </span>
      </Row>
      <Row label="IP address">
        <span className="font-mono text-xs">{entry.ip}</span>
      </Row>
      <Row label="User agent">
        <span className="text-xs">{entry.userAgent}</span>
      </Row>
      <Row label="Entry id">
        <span className="font-mono text-xs">{entry.id}</span>
      </Row>
    </dl>
  );
}
