import { Columns3 } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

// The "Columns" trigger's look, worn by the placeholder button and by the loaded menu's own trigger alike.

export const columnsTriggerClasses = buttonClasses({ variant: "secondary", size: "sm", className: "ml-auto" });

export const columnsTriggerFace = (
  <>
    <Columns3 className="size-3.5" aria-hidden />
    Columns
  </>
);
