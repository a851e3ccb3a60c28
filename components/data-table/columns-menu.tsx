"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check } from "lucide-react";
import { columnsTriggerClasses, columnsTriggerFace } from "./columns-menu-face";
import type { ColumnsMenuProps } from "./columns-menu-props";

export default function ColumnsMenu({ columns, hidden, onToggle, defaultOpen }: ColumnsMenuProps) {
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its links stay focusable.
    <DropdownMenu.Root defaultOpen={defaultOpen} modal={false}>
      <DropdownMenu.Trigger className={columnsTriggerClasses}>{columnsTriggerFace}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-44 rounded-lg border border-border bg-surface p-1 text-fg shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-fg-muted">Show columns</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {columns.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              checked={!hidden.has(column.id)}
              onCheckedChange={(checked) => onToggle(column.id, checked)}
              onSelect={(event) => event.preventDefault()}
              className="flex cursor-default items-center gap-2 rounded-md py-1.5 pr-3 pl-2 text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-muted"
            >
              <span className="grid size-4 place-items-center">
                <DropdownMenu.ItemIndicator>
                  <Check className="size-3.5" aria-hidden />
                </DropdownMenu.ItemIndicator>
              </span>
              {column.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
