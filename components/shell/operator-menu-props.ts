import type { Role } from "@/lib/auth/roles";

// Shared by OperatorMenu and the menu it loads on demand (operator-menu-content.tsx), so the menu never imports the file that loads it.

export interface OperatorMenuProps {
  email: string;
  role: Role;
  signOutAction: () => Promise<void>;
  /** The trigger's content (OperatorFace), rendered by the layout on the server so its code stays out of the browser's. */
  face: React.ReactNode;
}

/** The trigger's look, worn by the placeholder button (operator-menu.tsx) and by the loaded menu's own trigger alike. */
export const operatorTriggerClasses = "flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-muted";
