import { userAccountsRoute } from "@/lib/features/users/api";

export const GET = userAccountsRoute;
