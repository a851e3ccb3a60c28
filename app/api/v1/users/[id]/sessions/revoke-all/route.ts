import { revokeAllSessionsRoute } from "@/lib/api/v1/sessions";

export const POST = revokeAllSessionsRoute;
