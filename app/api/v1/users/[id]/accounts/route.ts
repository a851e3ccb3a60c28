import { userAccountsRoute } from "@/lib/api/v1/users";

export const GET = userAccountsRoute;
