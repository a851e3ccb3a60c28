import { jobResultsRoute } from "@/lib/features/list-jobs/api";

export const GET = jobResultsRoute;
