"use client";

import { DeferredMenu, deferred } from "@/components/ui/deferred";
import { type OperatorMenuProps, operatorTriggerClasses } from "./operator-menu-props";

const Menu = deferred(() => import("./operator-menu-content"));

/** Who is signed in, opening a menu with the theme, Your sessions and Sign out; the menu's code loads on hover or focus. */
export function OperatorMenu(props: OperatorMenuProps) {
  return <DeferredMenu menu={Menu} props={props} trigger={{ className: operatorTriggerClasses, children: props.face }} />;
}
