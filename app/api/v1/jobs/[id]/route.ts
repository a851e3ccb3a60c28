import { getJobRoute } from "@/lib/features/list-jobs/api";

export const GET = getJobRoute;
