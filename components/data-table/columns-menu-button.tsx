"use client";

import { Columns3 } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { DeferredMenu, deferred } from "@/components/ui/deferred";
import type { ColumnsMenuProps } from "./columns-menu";

const ColumnsMenu = deferred(() => import("./columns-menu"));

export const columnsTriggerClasses = buttonClasses({ variant: "secondary", size: "sm", className: "ml-auto" });

export const columnsTriggerFace = (
  <>
    <Columns3 className="size-3.5" aria-hidden />
    Columns
  </>
);

/** The "Columns" button; the menu's code loads when the pointer or focus reaches it, and it opens on the first click. */
export function ColumnsMenuButton(props: Omit<ColumnsMenuProps, "defaultOpen">) {
  return <DeferredMenu menu={ColumnsMenu} props={props} trigger={{ className: columnsTriggerClasses, children: columnsTriggerFace }} />;
}
