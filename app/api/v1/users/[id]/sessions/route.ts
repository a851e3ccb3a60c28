import { userSessionsRoute } from "@/lib/api/v1/users";

export const GET = userSessionsRoute;
