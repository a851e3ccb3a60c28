"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { KeyRound, Loader2, LogOut, MonitorSmartphone } from "lucide-react";
import Link from "next/link";
import { useTransition } from "react";
import { ThemeToggle } from "@/components/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { type OperatorMenuProps, operatorTriggerClasses } from "./operator-menu-props";

/** The operator menu itself (theme, Your sessions, API keys for admins, sign out), loaded on demand by OperatorMenu. */
export default function OperatorMenuContent({ email, role, signOutAction, face, defaultOpen }: OperatorMenuProps & { defaultOpen?: boolean }) {
  const [signingOut, startTransition] = useTransition();
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its links stay focusable.
    <DropdownMenu.Root defaultOpen={defaultOpen} modal={false}>
      <DropdownMenu.Trigger className={operatorTriggerClasses}>{face}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content side="top" align="start" sideOffset={6} className="z-50 w-64 rounded-lg border border-border bg-surface p-1.5 text-fg shadow-lg">
          <div className="px-2 py-1.5">
            <p className="truncate text-sm font-medium">{email}</p>
            <p className="mt-1">
              <Badge tone={role === "admin" ? "accent" : "neutral"}>{role}</Badge>
            </p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <div className="flex items-center justify-between px-2 py-1.5 text-sm">
            <span className="text-fg-muted">Theme</span>
            <ThemeToggle />
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item
            asChild
            className="flex w-full cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted"
          >
            <Link href="/settings/sessions">
              <MonitorSmartphone className="size-4" aria-hidden />
              Your sessions
            </Link>
          </DropdownMenu.Item>
          {role === "admin" ? (
            <DropdownMenu.Item
              asChild
              className="flex w-full cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted"
            >
              <Link href="/settings/api-keys">
                <KeyRound className="size-4" aria-hidden />
                API keys
              </Link>
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Item
            disabled={signingOut}
            onSelect={(event) => {
              event.preventDefault();
              startTransition(() => signOutAction());
            }}
            className="flex w-full cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[disabled]:opacity-60 data-[highlighted]:bg-muted"
          >
            {signingOut ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <LogOut className="size-4" aria-hidden />}
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
