import { userHistoryRoute } from "@/lib/features/export/api";

export const GET = userHistoryRoute;
