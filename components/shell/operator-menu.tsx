"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronsUpDown, Loader2, LogOut } from "lucide-react";
import { useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { ThemeToggle } from "@/components/theme-toggle";
import type { Role } from "@/lib/roles";

export function OperatorMenu({ email, role, signOutAction }: { email: string; role: Role; signOutAction: () => Promise<void> }) {
  const [signingOut, startTransition] = useTransition();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-muted"
        aria-label={`Operator menu for ${email}`}
      >
        <span className="grid size-7 shrink-0 place-items-center rounded-full bg-accent/15 text-xs font-semibold text-accent uppercase">
          {email.slice(0, 1)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{email}</span>
          <span className="block text-xs text-fg-muted" data-testid="operator-role">
            {role}
          </span>
        </span>
        <ChevronsUpDown className="size-4 text-fg-muted" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          side="top"
          align="start"
          sideOffset={6}
          className="z-50 w-64 rounded-lg border border-border bg-surface p-1.5 text-fg shadow-lg"
        >
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
