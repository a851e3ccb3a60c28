import { jobResultsRoute } from "@/lib/api/v1/jobs";

export const GET = jobResultsRoute;
