import { getUserByEmailRoute } from "@/lib/api/v1/users";

export const GET = getUserByEmailRoute;
