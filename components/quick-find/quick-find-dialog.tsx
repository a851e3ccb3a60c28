"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { CornerDownLeft, Loader2, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { type DeferredDialogProps, focusBack } from "@/components/ui/deferred";
import type { QuickFindResult } from "@/lib/features/quick-find/schema";

export interface QuickFindDialogProps extends DeferredDialogProps {
  find: (query: string) => Promise<QuickFindResult>;
}

const hints = [
  ["ana@example.com", "user by email"],
  ["github:1234567", "provider account"],
  ["a user id", "user by id"],
  ["a session token", "the user it signs in"],
];

/** The quick-find dialog: one input, resolved by one lookup on the server, then opened. Loaded on demand. */
export default function QuickFindDialog({ find, open, onOpenChange: setOpen, returnFocusTo }: QuickFindDialogProps) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await find(query);
      if (result.found) {
        setOpen(false);
        router.push(result.href);
      } else {
        setMessage(result.message);
      }
    });
  }

  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-bg/70 backdrop-blur-sm" />
        <DialogPrimitive.Content
          onCloseAutoFocus={focusBack(returnFocusTo)}
          className="fixed top-[18%] left-1/2 z-50 w-[calc(100%-2rem)] max-w-xl -translate-x-1/2 rounded-xl border border-border bg-surface text-fg shadow-2xl"
        >
          <DialogPrimitive.Title className="sr-only">Quick find</DialogPrimitive.Title>
          <DialogPrimitive.Description className="sr-only">
            Find a user by email, user id, provider and account id, or session token.
          </DialogPrimitive.Description>
          <form onSubmit={submit} className="flex items-center gap-2 border-b border-border px-4">
            {pending ? <Loader2 className="size-4 animate-spin text-fg-muted" aria-hidden /> : <Search className="size-4 text-fg-muted" aria-hidden />}
            <input
              // biome-ignore lint/a11y/noAutofocus: the quick-find dialog was opened to type into this field (Radix's dialog moves focus into it anyway)
              autoFocus
              type="text"
              aria-label="Email, user id, provider:accountId or session token"
              autoComplete="off"
              spellCheck={false}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setMessage(undefined);
              }}
              maxLength={512}
              placeholder="Email, user id, provider:accountId or session token"
              className="h-12 flex-1 bg-transparent text-sm outline-none placeholder:text-fg-muted focus-visible:outline-none"
            />
            <button
              type="submit"
              disabled={pending || !query.trim()}
              className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-fg-muted hover:bg-muted disabled:opacity-40"
            >
              <CornerDownLeft className="size-3.5" aria-hidden />
              Open
            </button>
          </form>
          <div aria-live="polite" className="px-4 py-3 text-sm">
            {message ? (
              <p role="alert" className="text-danger">
                {message}
              </p>
            ) : (
              <ul className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-fg-muted">
                {hints.map(([example, meaning]) => (
                  <li key={example}>
                    <span className="font-mono text-fg">{example}</span> → {meaning}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
