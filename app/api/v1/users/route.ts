import { listUsersRoute } from "@/lib/api/v1/users";

export const GET = listUsersRoute;
