"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ColumnsMenuButton } from "./columns-menu-button";
import type { ToggleableColumn } from "./columns-menu-props";

/** Clicks on these keep their own meaning instead of opening the row. */
const INTERACTIVE = "a,button,input,select,textarea,label,summary,[role=button],[role=checkbox],[role=menuitem],[contenteditable=true]";

function bodyRow(target: EventTarget | null, frame: HTMLElement): HTMLTableRowElement | null {
  const row = target instanceof Element ? target.closest("tbody > tr") : null;
  return row instanceof HTMLTableRowElement && frame.contains(row) ? row : null;
}

/**
 * What a server-rendered DataTable does in the browser: the rows are one tab stop (arrow keys,
 * Home and End move, Enter opens), a click on a row opens its link, and columns can be hidden.
 */
export function DataTableFrame({
  columns,
  initiallyHidden,
  toolbar,
  children,
}: {
  columns: ToggleableColumn[];
  initiallyHidden: string[];
  toolbar?: React.ReactNode;
  children: React.ReactNode;
}) {
  const router = useRouter();
  const frameId = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(initiallyHidden));

  function open(href: string, newTab: boolean) {
    if (newTab) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  function onClick(event: React.MouseEvent<HTMLDivElement>) {
    const row = bodyRow(event.target, event.currentTarget);
    const href = row?.dataset.href;
    // React bubbles events from portals (menus, dialogs) opened inside a row: only real row clicks count.
    if (!row || !href || !(event.target instanceof Element) || !row.contains(event.target)) return;
    if (event.target.closest(INTERACTIVE)) return;
    if (window.getSelection()?.isCollapsed === false) return;
    open(href, event.metaKey || event.ctrlKey);
  }

  function onFocus(event: React.FocusEvent<HTMLDivElement>) {
    const row = bodyRow(event.target, event.currentTarget);
    if (!row || row.tabIndex === 0) return;
    for (const other of row.parentElement?.children ?? []) (other as HTMLElement).tabIndex = -1;
    row.tabIndex = 0;
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const row = bodyRow(event.target, event.currentTarget);
    if (!row || event.target !== row) return;
    const rows = [...(row.parentElement?.children ?? [])] as HTMLTableRowElement[];
    const index = rows.indexOf(row);
    const focus = (to: number) => {
      const next = rows[Math.max(0, Math.min(to, rows.length - 1))];
      if (!next) return;
      if (!next.hasAttribute("tabindex")) next.tabIndex = -1; // only the first row is rendered focusable
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: "nearest" });
    };
    if (event.key === "ArrowDown") focus(index + 1);
    else if (event.key === "ArrowUp") focus(index - 1);
    else if (event.key === "Home") focus(0);
    else if (event.key === "End") focus(rows.length - 1);
    else if (event.key === "Enter" && row.dataset.href) open(row.dataset.href, event.metaKey || event.ctrlKey);
    else return;
    event.preventDefault();
  }

  // A cell spanning several columns (the empty-table message) stays visible.
  const hiddenRules = columns
    .filter((column) => hidden.has(column.id))
    .map(({ position }) => `[data-table-frame="${frameId}"] tr>:nth-child(${position}):not([colspan]){display:none}`)
    .join("");

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {toolbar ? <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">{toolbar}</div> : null}
        {columns.length > 0 ? (
          <ColumnsMenuButton
            columns={columns}
            hidden={hidden}
            onToggle={(id, visible) =>
              setHidden((current) => {
                const next = new Set(current);
                if (visible) next.delete(id);
                else next.add(id);
                return next;
              })
            }
          />
        ) : null}
      </div>
      {hiddenRules ? <style>{hiddenRules}</style> : null}
      {/* The height cap makes this the scroller the sticky header sticks to; scroll-pt keeps focused rows clear of it. */}
      {/* Delegation for the rows inside; each row's own link is what the keyboard and screen readers use. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: see above */}
      <div
        data-table-frame={frameId}
        onClick={onClick}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
        className="max-h-[calc(100dvh-10rem)] scroll-pt-9 overflow-auto rounded-lg border border-border bg-surface"
      >
        {children}
      </div>
    </div>
  );
}
