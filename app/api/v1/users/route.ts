import { listUsersRoute } from "@/lib/features/users/api";

export const GET = listUsersRoute;
