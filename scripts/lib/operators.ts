import type { Role } from "@/lib/auth/roles";

/**
 * Operators as currentOperator() builds them, for DAL tests and the bench (which call the DAL
 * directly): `signedInMinutesAgo` places the sign-in of their console session (step-up is judged from it).
 */
export function signedInOperator(email: string, role: Role, signedInMinutesAgo = 0) {
  return {
    email,
    name: null,
    role,
    session: { userId: `op-${email}`, fingerprint: "0123456789", signedInAt: Date.now() - signedInMinutesAgo * 60_000 },
  };
}
