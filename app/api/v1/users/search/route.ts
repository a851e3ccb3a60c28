import { searchUsersRoute } from "@/lib/api/v1/users";

export const GET = searchUsersRoute;
