import { userSessionsRoute } from "@/lib/features/users/api";

export const GET = userSessionsRoute;
