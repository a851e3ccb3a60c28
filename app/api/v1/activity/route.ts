import { listActivityRoute } from "@/lib/features/activity/api";

export const GET = listActivityRoute;
