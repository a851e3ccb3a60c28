import { createJobRoute } from "@/lib/api/v1/jobs";

export const POST = createJobRoute;
