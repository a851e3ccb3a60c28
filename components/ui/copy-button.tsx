"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/cn";

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

  const Icon = copied ? Check : Copy;
  return (
    <button
      type="button"
      onClick={copy}
      title={`Copy ${label}`}
      className={cn(
        "inline-flex size-6 shrink-0 items-center justify-center rounded transition-colors hover:bg-muted",
        copied ? "text-success" : "text-fg-muted hover:text-fg",
        className,
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      <span className="sr-only">{`Copy ${label}`}</span>
    </button>
  );
}
