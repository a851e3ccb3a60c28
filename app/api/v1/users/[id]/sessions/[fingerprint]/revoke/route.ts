import { revokeSessionRoute } from "@/lib/features/revoke/api";

export const POST = revokeSessionRoute;
