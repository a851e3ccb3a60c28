"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import type { Column, ReactTable, RowData } from "@tanstack/react-table";
import { Check, Columns3 } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import type { DataTableFeatures } from "./features";

function columnLabel<TRow extends RowData>(column: Column<DataTableFeatures, TRow, unknown>) {
  const { meta, header } = column.columnDef;
  return meta?.label ?? (typeof header === "string" ? header : column.id);
}

export function DataTableViewOptions<TRow extends RowData>({ table }: { table: ReactTable<DataTableFeatures, TRow> }) {
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  if (columns.length === 0) return null;
  const visibleCount = table.getVisibleLeafColumns().length;

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonClasses({ variant: "secondary", size: "sm", className: "ml-auto" })}>
        <Columns3 className="size-3.5" aria-hidden />
        Columns
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-44 rounded-lg border border-border bg-surface p-1 text-fg shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-fg-muted">Show columns</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {columns.map((column) => {
            const visible = column.getIsVisible();
            return (
              <DropdownMenu.CheckboxItem
                key={column.id}
                checked={visible}
                disabled={visible && visibleCount === 1}
                onCheckedChange={(checked) => column.toggleVisibility(checked)}
                onSelect={(event) => event.preventDefault()}
                className="flex cursor-default items-center gap-2 rounded-md py-1.5 pr-3 pl-2 text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-muted"
              >
                <span className="grid size-4 place-items-center">
                  <DropdownMenu.ItemIndicator>
                    <Check className="size-3.5" aria-hidden />
                  </DropdownMenu.ItemIndicator>
                </span>
                {columnLabel(column)}
              </DropdownMenu.CheckboxItem>
            );
          })}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
