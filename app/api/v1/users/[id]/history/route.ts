import { userHistoryRoute } from "@/lib/api/v1/user-data";

export const GET = userHistoryRoute;
