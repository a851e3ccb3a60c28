import { revokeSessionRoute } from "@/lib/api/v1/sessions";

export const POST = revokeSessionRoute;
