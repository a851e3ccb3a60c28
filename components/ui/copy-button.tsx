"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/format/cn";

const CONFIRM_MS = 1500;

export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      void import("sonner").then(({ toast }) => toast.error("Couldn't copy to the clipboard"));
      return;
    }
    void import("sonner").then(({ toast }) => toast.success("Copied"));
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), CONFIRM_MS);
  }

  return (
    <button type="button" onClick={copy} title={`Copy ${label}`} className={cn("icon-button", copied && "text-success hover:text-success", className)}>
      {/* The copy icon is a CSS mask (globals.css): one rule instead of an inline SVG on every row. */}
      {copied ? <span className="icon icon-check size-3.5" aria-hidden /> : <span className="icon-copy" aria-hidden />}
    </button>
  );
}
