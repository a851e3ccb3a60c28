import { revokeAllSessionsRoute } from "@/lib/features/revoke/api";

export const POST = revokeAllSessionsRoute;
