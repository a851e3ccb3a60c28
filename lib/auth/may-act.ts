import "server-only";
import { roleFor } from "@/lib/auth/roles";
import { serverConfig } from "@/lib/config";
import type { Operator } from "./operator";

/** Whether to show action controls: admins, outside read-only mode. The DAL checks again on every call. */
export function mayAct(operator: Operator | null): boolean {
  if (!operator || operator.kind === "api-key") return false;
  const config = serverConfig();
  return roleFor(operator.email, config) === "admin" && !config.readOnly;
}
