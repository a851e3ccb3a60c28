"use client";

import { useEffect, useState } from "react";
import { UNREACHABLE } from "@/lib/actions/unreachable";
import type { AuditEntry } from "@/lib/audit/entry";
import { readAuditEntryAction } from "@/lib/features/audit/action";

export type AuditEntryState = { status: "loading" } | { status: "loaded"; entry: AuditEntry } | { status: "failed"; error: string };

/** The whole entry behind an audit row, read once when a dialog that needs it opens (each opening mounts afresh). */
export function useAuditEntry(id: string): AuditEntryState {
  const [state, setState] = useState<AuditEntryState>({ status: "loading" });
  useEffect(() => {
    let current = true;
    readAuditEntryAction({ id }).then(
      (result) => {
        if (current) setState(result.ok ? { status: "loaded", entry: result.entry } : { status: "failed", error: result.error });
      },
      () => {
        if (current) setState({ status: "failed", error: UNREACHABLE });
      },
    );
    return () => {
      current = false;
    };
  }, [id]);
  return state;
}
