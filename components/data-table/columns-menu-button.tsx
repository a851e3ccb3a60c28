"use client";

import { DeferredMenu, deferred } from "@/components/ui/deferred";
import { columnsTriggerClasses, columnsTriggerFace } from "./columns-menu-face";
import type { ColumnsMenuProps } from "./columns-menu-props";

const ColumnsMenu = deferred(() => import("./columns-menu"));

/** The "Columns" button; the menu's code loads when the pointer or focus reaches it, and it opens on the first click. */
export function ColumnsMenuButton(props: Omit<ColumnsMenuProps, "defaultOpen">) {
  return <DeferredMenu menu={ColumnsMenu} props={props} trigger={{ className: columnsTriggerClasses, children: columnsTriggerFace }} />;
}
