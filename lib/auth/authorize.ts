import "server-only";
import { serverConfig } from "@/lib/config";
import { roleFor, type Role } from "@/lib/roles";
import type { Operator } from "./operator";

export class ForbiddenError extends Error {
  constructor(message = "You are not allowed to do this.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

const rank: Record<Role, number> = { viewer: 1, admin: 2 };

/**
 * Every DAL function starts here: reads need a viewer, mutations an admin. The role is derived
 * again from the allow-lists, so an operator removed from them is refused at once.
 */
export function authorize(operator: Operator | null | undefined, needed: Role): Operator {
  if (!operator) throw new ForbiddenError("Sign in first.");
  const role = roleFor(operator.email, serverConfig());
  if (!role) throw new ForbiddenError("This operator is no longer allowed in.");
  if (rank[role] < rank[needed]) throw new ForbiddenError(`This needs the ${needed} role; you are a ${role}.`);
  return { ...operator, role };
}
