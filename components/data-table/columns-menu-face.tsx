import { buttonClasses } from "@/components/ui/button";

// The "Columns" trigger's look, worn by the placeholder button and by the loaded menu's own trigger alike.

export const columnsTriggerClasses = buttonClasses({ variant: "secondary", size: "sm", className: "ml-auto" });

export const columnsTriggerFace = (
  <>
    <span className="icon icon-columns-3 size-3.5" aria-hidden />
    Columns
  </>
);
