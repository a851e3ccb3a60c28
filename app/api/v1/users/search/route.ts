import { searchUsersRoute } from "@/lib/features/users/api";

export const GET = searchUsersRoute;
