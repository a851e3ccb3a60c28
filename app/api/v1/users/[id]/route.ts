import { getUserRoute } from "@/lib/api/v1/users";

export const GET = getUserRoute;
