import { deleteUserRoute } from "@/lib/features/delete-user/api";
import { getUserRoute } from "@/lib/features/users/api";

export const GET = getUserRoute;
export const DELETE = deleteUserRoute;
