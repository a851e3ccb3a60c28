import { createJobRoute } from "@/lib/features/list-jobs/api";

export const POST = createJobRoute;
