import { getUserByEmailRoute } from "@/lib/features/users/api";

export const GET = getUserByEmailRoute;
