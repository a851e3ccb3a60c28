"use client";

import { Columns3 } from "lucide-react";
import { Suspense, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { deferred } from "@/components/ui/deferred";
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
  const [armed, setArmed] = useState(false);
  const placeholder = (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={ColumnsMenu.preload}
      onFocus={ColumnsMenu.preload}
      onClick={() => setArmed(true)}
      className={columnsTriggerClasses}
    >
      {columnsTriggerFace}
    </button>
  );
  if (!armed) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <ColumnsMenu.Component {...props} defaultOpen />
    </Suspense>
  );
}
