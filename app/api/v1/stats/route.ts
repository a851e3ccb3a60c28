import { statsRoute } from "@/lib/features/activity/api";

export const GET = statsRoute;
