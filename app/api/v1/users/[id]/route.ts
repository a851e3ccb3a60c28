import { deleteUserRoute } from "@/lib/api/v1/delete-user";
import { getUserRoute } from "@/lib/api/v1/users";

export const GET = getUserRoute;
export const DELETE = deleteUserRoute;
