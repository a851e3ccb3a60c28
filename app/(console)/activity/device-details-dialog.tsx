"use client";

import { CopyButton } from "@/components/ui/copy-button";
import type { DeferredDialogProps } from "@/components/ui/deferred";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { countryName, type DeviceView } from "@/lib/features/devices/schema";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3 border-b border-border py-1.5 last:border-b-0">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

const none = <span className="text-fg-muted">not recorded</span>;

export interface DeviceDetailsDialogProps {
  /** "Sign-in, 2 min ago". */
  title: string;
  device: DeviceView;
}

/** A sign-in's device and network, with the raw user agent the row summarises. Loaded on demand by DeviceDetails. */
export default function DeviceDetailsDialog({ title, device, open, onOpenChange, returnFocusTo }: DeviceDetailsDialogProps & DeferredDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description="As the product's guard recorded it (its requestInfo and ipAddress options)." wide returnFocusTo={returnFocusTo}>
        <dl>
          <Row label="Device">{device.device}</Row>
          <Row label="Network">{device.network ? <span className="font-mono text-xs">{device.network}</span> : none}</Row>
          <Row label="Country">{device.country ? `${countryName(device.country)} (${device.country})` : none}</Row>
          <Row label="User agent">
            {device.userAgent ? (
              <span className="flex items-start gap-2">
                <code className="min-w-0 font-mono text-xs break-all" data-testid="raw-user-agent">
                  {device.userAgent}
                </code>
                <CopyButton value={device.userAgent} label="user agent" />
              </span>
            ) : (
              none
            )}
          </Row>
        </dl>
      </DialogContent>
    </Dialog>
  );
}
