import type { Role } from "@/lib/auth/roles";

// Shared by OperatorMenu and the menu it loads on demand (operator-menu-content.tsx), so the menu never imports the file that loads it.

export interface OperatorMenuProps {
  email: string;
  role: Role;
  signOutAction: () => Promise<void>;
}
