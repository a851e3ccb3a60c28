import { getJobRoute } from "@/lib/api/v1/jobs";

export const GET = getJobRoute;
